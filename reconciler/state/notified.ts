// What every store does with the notification memory it reads back: keep it only when it has a memory's shape.
import type { NotifyMemory } from '../status/notified.ts';

/** The value as a memory, or null when it does not have a memory's shape (a restart then starts afresh). */
export function asNotifyMemory(value: unknown): NotifyMemory | null {
  const memory = value as Partial<NotifyMemory> | null;
  return typeof memory?.active === 'object' && memory.active !== null && Array.isArray(memory.sent)
    ? (memory as NotifyMemory)
    : null;
}
