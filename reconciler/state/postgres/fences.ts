// The fences of the pool locks this store holds: what a step's write confirms, and what `alive()` trusts.
import { performance } from 'node:perf_hooks';

/**
 * How long a confirmation can stand in for the check before a step: well inside the 5 s keepalive idle
 * time PostgreSQL waits before it could drop a silent session's lock.
 */
export const FENCE_FRESH_MS = 1_000;

/**
 * How long the lock session has to answer a check before the lock counts as lost: a silent session (a
 * partition, a frozen server) keeps its lock on the server for at least the keepalive idle time plus three
 * probes (5 + 3 × 5 s = 20 s), so the client stops stepping well before anyone else could take the lock.
 */
export const FENCE_ANSWER_MS = 5_000;

/** How often a held lock's session is asked (the heartbeat), so a silent one is noticed between steps too. */
export const HEARTBEAT_MS = 1_000;

/** `work`'s answer, or false when it takes longer than `ms` (the timer never keeps the process alive). */
export function answeredWithin(work: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** One held pool lock, as the step writes see it. */
export interface PoolFence {
  /** The holder row's id: what the write looks for, with its session's lock in pg_locks. */
  readonly id: string;
  /** The lock was seen held just now, by a write that recorded `steps` steps of the pool. */
  confirm(steps: number): void;
  /** The lock was seen gone: no further step. */
  lose(): void;
}

/** Pool → fence of the locks this store holds now. */
export type Fences = Map<string, PoolFence>;

/**
 * A fence's state. Each step whose write confirmed the lock leaves one confirmation, good for one check
 * within FENCE_FRESH_MS (the check before that server's next step); without one, `alive()` asks the
 * lock session. So every step is preceded by its own confirmation, made after the step before it ended.
 */
export function fenceState() {
  let confirmations: number[] = [];
  let lost = false;
  return {
    confirm: (steps: number) => {
      const now = performance.now();
      for (let i = 0; i < steps; i++) confirmations.push(now);
    },
    lose: () => {
      lost = true;
      confirmations = [];
    },
    get lost() {
      return lost;
    },
    /** Uses up a confirmation young enough to stand in for the check; false when there is none. */
    take(): boolean {
      const oldest = performance.now() - FENCE_FRESH_MS;
      while (confirmations.length > 0 && (confirmations[0] as number) < oldest)
        confirmations.shift();
      return !lost && confirmations.pop() !== undefined;
    },
  };
}
