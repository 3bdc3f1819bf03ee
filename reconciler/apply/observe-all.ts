// Observes every server of every pool: one driver call per server, bounded concurrency, retries.

import type { Driver, ObserveOptions } from '../drivers/driver.ts';
import {
  type DesiredState,
  type Observations,
  type ServerObservation,
  type ServiceObservation,
  unitNames,
} from '../model.ts';
import { forEachLimit } from './concurrency.ts';
import { type RetryPolicy, withRetry } from './retry.ts';

/**
 * Observes one server's managed services. A driver answers NotFound for the whole call when one unit is missing
 * (the port never gives a partial answer); then each unit is asked alone, so that only the missing ones are
 * marked and the others are observed as usual. Any other error stays the server's.
 */
export async function observeServer(
  driver: Driver,
  server: string,
  services: readonly string[],
  retry: RetryPolicy,
  options?: ObserveOptions,
): Promise<ServerObservation> {
  const result = await withRetry(() => driver.observe(server, services, options), retry);
  if (result.isOk()) return { ok: true, services: result.value };
  if (result.error.kind !== 'NotFound' || services.length < 2)
    return { ok: false, error: result.error };
  const seen: ServiceObservation[] = [];
  const missing: { service: string; message: string }[] = [];
  for (const service of services) {
    const one = await withRetry(() => driver.observe(server, [service], options), retry);
    if (one.isOk()) seen.push(...one.value);
    else if (one.error.kind === 'NotFound') missing.push({ service, message: one.error.message });
    else return { ok: false, error: one.error };
  }
  // Every unit missing: the server's answer stands (a host that is not there, a pool's wrong driver).
  if (seen.length === 0) return { ok: false, error: result.error };
  return { ok: true, services: seen, missing };
}

/**
 * Observations of the whole desired state; an unreachable server is an error entry, never a guess. With
 * `ready`, each server waits for its pool's to resolve, and a pool it resolves false for is not observed
 * (apply observes a pool only once its lock is held).
 */
export async function observeAll(
  desired: DesiredState,
  drivers: ReadonlyMap<string, Driver>,
  concurrency: number,
  retry: RetryPolicy,
  ready?: (pool: string) => Promise<boolean>,
): Promise<Observations> {
  const observed: Observations = new Map(desired.pools.map((pool) => [pool.name, new Map()]));
  const active = desired.pools.filter((pool) => !pool.suspend);
  const work = active.flatMap((pool) => pool.servers.map((server) => ({ pool, server })));
  await forEachLimit(work, concurrency, async ({ pool, server }) => {
    if (ready !== undefined && !(await ready(pool.name))) return;
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
      new Map(
        pool.servers.flatMap((s) => {
          const seen = byServer.get(s.name);
          return seen === undefined ? [] : [[s.name, seen] as const];
        }),
      ),
    );
  }
  return observed;
}
