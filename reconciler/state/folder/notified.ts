// <state-dir>/notifications.json: what was already sent, so a restarted watcher does not send it again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok, type Result } from 'neverthrow';
import { saveFileAtomic } from '../../atomic-file.ts';
import { type StateError, stateError } from '../../errors.ts';
import type { NotifyMemory } from '../../status/notified.ts';
import { asNotifyMemory } from '../notified.ts';

/** Path of the memory file in a state dir. */
export const memoryPath = (stateDir: string) => join(stateDir, 'notifications.json');

/** The notification memory in `dir`'s notifications.json. */
export function folderNotified(dir: string) {
  return {
    /** The saved memory, or null when there is none or it is unreadable. */
    async readNotified(): Promise<Result<NotifyMemory | null, StateError>> {
      try {
        return ok(asNotifyMemory(JSON.parse(readFileSync(memoryPath(dir), 'utf8'))));
      } catch {
        return ok(null);
      }
    },
    /** Saves the memory atomically. */
    async writeNotified(memory: NotifyMemory): Promise<Result<void, StateError>> {
      return saveFileAtomic(memoryPath(dir), `${JSON.stringify(memory)}\n`).mapErr((message) =>
        stateError('Io', message),
      );
    },
  };
}
