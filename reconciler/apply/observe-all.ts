// Observes every server of every pool: one driver call per server, bounded concurrency, retries.

import type { Driver, ObserveOptions } from '../drivers/driver.ts';
import {
  type DesiredState,
  type Observations,
  type ServerObservation,
  unitNames,
} from '../model.ts';
import { forEachLimit } from './concurrency.ts';
import { type RetryPolicy, withRetry } from './retry.ts';

/** Observes one server's managed services. */
export async function observeServer(
  driver: Driver,
  server: string,
  services: readonly string[],
  retry: RetryPolicy,
  options?: ObserveOptions,
): Promise<ServerObservation> {
  const result = await withRetry(() => driver.observe(server, services, options), retry);
  return result.isOk() ? { ok: true, services: result.value } : { ok: false, error: result.error };
}

/** Observations of the whole desired state; an unreachable server is an error entry, never a guess. */
export async function observeAll(
  desired: DesiredState,
  drivers: ReadonlyMap<string, Driver>,
  concurrency: number,
  retry: RetryPolicy,
): Promise<Observations> {
  const observed: Observations = new Map(desired.pools.map((pool) => [pool.name, new Map()]));
  const active = desired.pools.filter((pool) => !pool.suspend);
  const work = active.flatMap((pool) => pool.servers.map((server) => ({ pool, server })));
  await forEachLimit(work, concurrency, async ({ pool, server }) => {
    const driver = drivers.get(pool.name) as Driver;
    observed
      .get(pool.name)
      ?.set(server.name, await observeServer(driver, server.name, unitNames(pool), retry));
  });
  // Map insertion order follows completion; restore declaration order for deterministic output.
  for (const pool of active) {
    const byServer = observed.get(pool.name) as Map<string, ServerObservation>;
    observed.set(
      pool.name,
      new Map(pool.servers.map((s) => [s.name, byServer.get(s.name) as ServerObservation])),
    );
  }
  return observed;
}
