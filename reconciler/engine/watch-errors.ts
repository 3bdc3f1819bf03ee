// Why a watch could not start or had to stop: tagged, for the CLI to word and map to an exit code.
import type { StateError } from '../errors.ts';

/** A watch's failure. */
export type WatchError =
  /** Another watcher holds the store's guard (folder: `<state-dir>/lock`), or it cannot be taken. */
  | { kind: 'Guard'; error: StateError }
  /** The watcher session could not be opened in the store. */
  | { kind: 'Session'; error: StateError }
  /** The page's address cannot be served (`code`: EADDRINUSE, EACCES, …). */
  | { kind: 'Listen'; code: string }
  /** The store could not record what watch did (audit, status, observations): watch stopped. */
  | { kind: 'State'; error: StateError };
