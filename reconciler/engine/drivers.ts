// Driver composition: one driver per pool (its services driver behind its load balancers), opened from the registry.
import { compositeDriver } from '../drivers/composite.ts';
import type { Driver } from '../drivers/driver.ts';
import type { KeptDrivers } from '../drivers/kept-drivers.ts';
import { driverRow } from '../drivers/registry.ts';
import type { DesiredState, PoolSpec, TargetSpec } from '../model.ts';

/** What opening drivers needs: the state dir, the simulated session lifetime, where warnings go. */
export interface DriverSettings {
  stateDir: string;
  sessionSeconds: number;
  /** The one clock (QUIESCE_CLOCK_OFFSET_MS included): what the simulated fleet stamps its changes with. */
  now: () => number;
  warn: (message: string) => void;
  /** Drivers kept across watch rounds (watch closes those at exit). */
  kept?: KeptDrivers;
}

/** The drivers of a desired state and a way to close those not kept. */
export interface OpenDrivers {
  drivers: Map<string, Driver>;
  close(): Promise<void>;
}

/** The services target of a pool that declares none. */
const SIMULATED: TargetSpec = { driver: 'simulated' };

/** The units the balancer at `index` of the pool's targets carries. */
const balancerUnits = (pool: PoolSpec, index: number) =>
  pool.units.flatMap((unit) =>
    unit.role === 'loadBalancer' && unit.target === index ? [unit.name] : [],
  );

/**
 * One driver per pool: its services driver, behind its load balancers if it has any (the registry opens each
 * target). `close()` closes them all, except those `kept` holds across rounds.
 */
export function openDrivers(desired: DesiredState, settings: DriverSettings): OpenDrivers {
  const owned: Driver[] = [];
  const rowOf = (target: TargetSpec) =>
    driverRow(target.driver).match(
      (row) => row,
      (message) => {
        // The loader admits only drivers the registry has (its type says so): a miss here is a bug.
        throw new Error(message);
      },
    );
  const context = (pool: PoolSpec) => ({
    pool,
    stateDir: settings.stateDir,
    sessionSeconds: settings.sessionSeconds,
    now: settings.now,
    warn: settings.warn,
  });
  const open = (pool: PoolSpec, target: TargetSpec): Driver => {
    const row = rowOf(target);
    if (row.keep && settings.kept !== undefined)
      return settings.kept.driver(pool.name, target, () => row.open(target, context(pool)));
    const driver = row.open(target, context(pool));
    owned.push(driver);
    return driver;
  };
  const drivers = new Map<string, Driver>(
    desired.pools.map((pool) => {
      const services = open(
        pool,
        pool.targets.find((t) => rowOf(t).role === 'services') ?? SIMULATED,
      );
      const balancers = pool.targets.flatMap((target, index) =>
        rowOf(target).role === 'loadBalancer'
          ? [{ driver: open(pool, target), units: balancerUnits(pool, index) }]
          : [],
      );
      return [pool.name, compositeDriver(services, balancers)];
    }),
  );
  return {
    drivers,
    async close() {
      await Promise.all(owned.map((driver) => driver.close()));
    },
  };
}
