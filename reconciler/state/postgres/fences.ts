// The fences of the pool locks this store holds: what a step's write confirms, and what `alive()` trusts.
import { performance } from 'node:perf_hooks';

/** How long a confirmation stays good: well inside the 5 s keepalive idle time before PostgreSQL could
 * drop a silent session's lock; a session ended on purpose (pg_terminate_backend) is seen at once. */
export const FENCE_FRESH_MS = 1_000;

/** One held pool lock, as the step writes see it. */
export interface PoolFence {
  /** The holder row's id and the lock session's backend pid: what the write checks in pg_locks. */
  readonly id: string;
  /** The lock was seen held just now. */
  confirm(): void;
  /** The lock was seen gone: no further step. */
  lose(): void;
}

/** Pool → fence of the locks this store holds now. */
export type Fences = Map<string, PoolFence>;

/** A fence's state: lost for good, or confirmed at some time. */
export function fenceState() {
  let confirmedAt = Number.NEGATIVE_INFINITY;
  let lost = false;
  return {
    confirm: () => {
      confirmedAt = performance.now();
    },
    lose: () => {
      lost = true;
    },
    get lost() {
      return lost;
    },
    /** Confirmed within FENCE_FRESH_MS. */
    get fresh() {
      return !lost && performance.now() - confirmedAt <= FENCE_FRESH_MS;
    },
  };
}
