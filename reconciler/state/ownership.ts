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
  /** Tries every listed pool nobody holds, lets go of pools no longer listed; returns the pools owned now. */
  claim(pools: readonly string[]): Promise<Result<string[], StateError>>;
  /** Whether this session still holds what it claimed. */
  alive(): Promise<boolean>;
  /** Lets go of every pool. */
  close(): Promise<void>;
}
