// The folder store's watcher guard: <state-dir>/lock, one watcher per state dir (the lock apply once took too).
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../../actor.ts';
import { type StateError, stateError } from '../../errors.ts';
import type { WatchGuard } from '../store.ts';
import { acquireLock } from './lock.ts';

/** Takes `<dir>/lock` for the watcher, or fails (Locked when another process holds it, Io when it cannot). */
export function folderWatchGuard(dir: string) {
  return {
    async guardWatcher(actor: Actor): Promise<Result<WatchGuard, StateError>> {
      // The holder is this process (its pid tells a live holder from a dead one), as the command's lock.
      const taken = acquireLock(dir, actor.command);
      if (taken.isErr())
        return err(stateError(taken.error.startsWith('another') ? 'Locked' : 'Io', taken.error));
      return ok({ release: async () => taken.value.release() });
    },
  };
}
