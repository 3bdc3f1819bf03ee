// <state-dir>/notifications.json: what was already sent, so a restarted watcher does not send it again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from 'neverthrow';
import { saveFileAtomic } from '../atomic-file.ts';
import { emptyMemory, type NotifyMemory } from './derive.ts';

/** Path of the memory file in a state dir. */
export const memoryPath = (stateDir: string) => join(stateDir, 'notifications.json');

/** The saved memory, or an empty one when there is none or it is unreadable. */
export function readMemory(stateDir: string): NotifyMemory {
  try {
    const memory = JSON.parse(readFileSync(memoryPath(stateDir), 'utf8')) as NotifyMemory;
    return typeof memory.active === 'object' && Array.isArray(memory.sent) ? memory : emptyMemory();
  } catch {
    return emptyMemory();
  }
}

/** Saves the memory atomically; err(one line) on failure. */
export const writeMemory = (stateDir: string, memory: NotifyMemory): Result<void, string> =>
  saveFileAtomic(memoryPath(stateDir), `${JSON.stringify(memory)}\n`);
