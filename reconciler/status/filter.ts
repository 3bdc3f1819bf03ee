// Narrows a fleet status to one pool and/or one server, for `status --pool P --server S`. Pure.
import type { PoolStatus } from './types.ts';

/** What `status` shows: a pool's name and/or a server's name (absent: all). */
export interface StatusFilter {
  pool?: string;
  server?: string;
}

/** Whether a pool passes the filter (its name, and, with a server, whether it has that server). */
export function poolShown(pool: PoolStatus, filter: StatusFilter): boolean {
  if (filter.pool !== undefined && pool.name !== filter.pool) return false;
  return filter.server === undefined || pool.servers.some((s) => s.name === filter.server);
}

/** The pools (and, with a server, only that server) the filter keeps. */
export function filterStatus(pools: readonly PoolStatus[], filter: StatusFilter): PoolStatus[] {
  return pools
    .filter((pool) => poolShown(pool, filter))
    .map((pool) =>
      filter.server === undefined
        ? pool
        : { ...pool, servers: pool.servers.filter((s) => s.name === filter.server) },
    );
}
