// The lock per pool: who holds it, and the lease the holder keeps while it runs steps.
import type { Result } from 'neverthrow';
import { type Actor, describeActor, type LockHolder } from '../actor.ts';
import type { StateError } from '../errors.ts';

export type { LockHolder } from '../actor.ts';

/** What taking a pool's lock needs. */
export interface LockRequest {
  pool: string;
  actor: Actor;
  revision: string | null;
  /** How long to wait for a holder to finish; 0 fails at once naming the holder. */
  timeoutMs: number;
  /**
   * The locks one run takes together (apply's pools) pass the same object: a store that names holders by id
   * gives them one (the folder store: one holder, whatever turns of the event loop they are taken in).
   */
  batch?: object;
}

/** A held lock. `alive()` is the fence: check it before each step; false means stop. */
export interface Lease {
  readonly holder: LockHolder;
  /** Whether the lock is still ours (PostgreSQL: the lock session is still connected). */
  alive(): Promise<boolean>;
  /** Gives the lock back; an Err says it was already lost. */
  release(): Promise<Result<void, StateError>>;
}

/** The message of a Locked error: who holds the pool, and both ways out. */
export function lockedMessage(holder: LockHolder): string {
  const revision = holder.revision === null ? '' : `, revision ${holder.revision}`;
  return (
    `pool ${holder.pool} is locked by ${describeActor(holder)} since ${holder.since}${revision} (lock id ${holder.id}); ` +
    `wait for it (--lock-timeout), or if that run is gone for good: quiesce unlock ${holder.pool} --force --id ${holder.id}`
  );
}
