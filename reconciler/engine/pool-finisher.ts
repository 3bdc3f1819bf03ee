// A single pass's pools that are done while others still step: each is recorded and saved then, not at the end.
import type { Plan } from '../plan/index.ts';

/** A pool finished; `stepped`: the plan had changes for it (so its read-backs are new to the store). */
export interface Finished {
  pool: string;
  stepped: boolean;
}

/** What finishing pools does (apply-once.ts records and saves them): the pools finished in one event-loop turn. */
export type FinishPools = (pools: readonly Finished[]) => Promise<void>;

/**
 * Counts, per pool, the servers a plan steps; when the last of them is back (its read-back after its last step
 * is in), the pool is finished: nothing the run does later changes it. A pool the plan does not step is finished
 * at once. A server that fails never comes back, so its pool is left to the end of the run.
 */
export function poolFinisher(pools: readonly string[], finish: FinishPools) {
  /** Servers not back yet, by pool, in the plan of this pass. */
  let waiting = new Map<string, Set<string>>();
  const finished = new Set<string>();
  const running: Promise<void>[] = [];
  /** Pools finished in this turn, handed over together at its end (a store may write them side by side). */
  let batch: Finished[] | null = null;
  const start = (pool: string, stepped: boolean) => {
    finished.add(pool);
    if (batch !== null) {
      batch.push({ pool, stepped });
      return;
    }
    const turn: Finished[] = [{ pool, stepped }];
    batch = turn;
    running.push(
      new Promise<void>((next) => setImmediate(next)).then(() => {
        batch = null;
        return finish(turn);
      }),
    );
  };
  return {
    /** Pools finished in this pass (their records and snapshots are written, or on their way). */
    finished: finished as ReadonlySet<string>,
    /** A pass's plan: the pools it does not step are finished now. */
    planned(plan: Plan): void {
      waiting = new Map();
      finished.clear();
      for (const { pool, server } of plan.changes) {
        const servers = waiting.get(pool) ?? new Set<string>();
        waiting.set(pool, servers.add(server));
      }
      for (const pool of pools) if (!waiting.has(pool)) start(pool, false);
    },
    /** A server's read-back after its last step is in: where the run leaves it. */
    back(pool: string, server: string): void {
      const servers = waiting.get(pool);
      if (servers === undefined || !servers.delete(server) || servers.size > 0) return;
      waiting.delete(pool);
      start(pool, true);
    },
    /** Waits for the pools finished so far to be recorded and saved (before anything records them again). */
    async settled(): Promise<void> {
      await Promise.all(running);
    },
  };
}
