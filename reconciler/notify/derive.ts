// Facts → events: each sent once per (object, reason, revision), a Recovered when a problem clears. Pure.
import type { NotificationReason } from '../model.ts';
import type { Fact, FactReason, NotifyMemory } from '../status/notified.ts';
import { PROBLEMS } from './facts.ts';

export { emptyMemory, type NotifyMemory } from '../status/notified.ts';

/** One event to send. */
export interface NotifyEvent {
  reason: NotificationReason;
  /** For Recovered: the reason that cleared. */
  cleared: FactReason | null;
  severity: 'info' | 'error';
  pool: string | null;
  server: string | null;
  object: string;
  message: string;
  revision: string;
  /** ISO time. */
  at: string;
}

/** Most dedupe keys remembered. */
export const SENT_LIMIT = 5000;

const factKey = (fact: Pick<Fact, 'object' | 'reason'>) => `${fact.object}|${fact.reason}`;

/** The events between the last round's facts and this round's, and the memory to pass next time. */
export function deriveEvents(
  memory: NotifyMemory,
  facts: Fact[],
  revisions: { applied: string; attempted: string },
  now: number,
): { events: NotifyEvent[]; memory: NotifyMemory } {
  const at = new Date(now).toISOString();
  const sent = new Set(memory.sent);
  const order = [...memory.sent];
  const events: NotifyEvent[] = [];
  const once = (key: string, event: NotifyEvent) => {
    if (sent.has(key)) return;
    sent.add(key);
    order.push(key);
    events.push(event);
  };
  const active: Record<string, Fact> = {};
  for (const fact of facts) {
    const key = factKey(fact);
    active[key] = fact;
    if (memory.active[key] !== undefined) continue;
    once(`${key}|${fact.revision}`, {
      ...fact,
      cleared: null,
      severity: PROBLEMS.has(fact.reason) ? 'error' : 'info',
      at,
    });
  }
  for (const [key, fact] of Object.entries(memory.active)) {
    if (active[key] !== undefined || !PROBLEMS.has(fact.reason)) continue;
    const validation = fact.reason === 'ValidationFailed';
    const revision = validation ? revisions.attempted : revisions.applied;
    once(`${fact.object}|Recovered:${fact.reason}|${revision}`, {
      reason: 'Recovered',
      cleared: fact.reason,
      severity: 'info',
      pool: fact.pool,
      server: fact.server,
      object: fact.object,
      message: validation
        ? `${revision} is valid again and applied`
        : `${fact.object} is no longer ${fact.reason}`,
      revision,
      at,
    });
  }
  return { events, memory: { active, sent: order.slice(-SENT_LIMIT) } };
}
