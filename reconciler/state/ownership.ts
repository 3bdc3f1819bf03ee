// Watcher ownership: each pool is reconciled by one watcher at a time; a dead watcher's pools are taken over.
import type { Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import type { StateError } from '../errors.ts';

/** A pool and the watcher that owns it. */
export interface Ownership {
  pool: string;
  watcher: Actor & { id: string };
  /** ISO time the watcher took the pool. */
  since: string;
}

/** One watcher's hold on pools; call `claim` on every takeover tick (≤ 5 s). */
export interface WatcherSession {
  readonly id: string;
  /**
   * Tries every listed pool nobody holds, lets go of pools no longer listed; returns the pools owned now.
   * With `limit` (only passed to sessions that count `watchers`), holds at most that many: keeps the first
   * held in name order, lets go of the rest, takes free pools only up to it.
   */
  claim(pools: readonly string[], limit?: number): Promise<Result<string[], StateError>>;
  /**
   * How many watcher sessions are alive on the store, this one included, so each claims its share of the
   * pools. Absent where the store cannot count them (the folder store: one watcher per state dir).
   */
  watchers?(): Promise<Result<number, StateError>>;
  /** Whether this session still holds what it claimed. */
  alive(): Promise<boolean>;
  /** Lets go of every pool. */
  close(): Promise<void>;
}
