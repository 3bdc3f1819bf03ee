// One Driver for a pool with several targets: each load balancer's units go to it, the rest to the services driver.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../errors.ts';
import type { ServiceObservation } from '../model.ts';
import type { Driver } from './driver.ts';

/** A load balancer of the pool and the units (by name) it carries. */
export interface Balancer {
  driver: Driver;
  units: readonly string[];
}

/**
 * Routes each unit to its layer and merges what they observe, in the order asked. The balancers are asked
 * first, one after the other, then the services driver; without balancers it is the services driver itself.
 */
export function compositeDriver(services: Driver, balancers: readonly Balancer[]): Driver {
  if (balancers.length === 0) return services;
  const byUnit = new Map<string, Driver>(
    balancers.flatMap(({ driver, units }) => units.map((unit) => [unit, driver] as const)),
  );
  const layerOf = (unit: string) => byUnit.get(unit) ?? services;
  const layers = [...balancers.map((balancer) => balancer.driver), services];
  return {
    observe(server, units, options) {
      let seen: ResultAsync<ServiceObservation[], DriverError> = okAsync([]);
      for (const layer of layers) {
        const asked = units.filter((unit) => layerOf(unit) === layer);
        seen = seen.andThen((found) =>
          layer.observe(server, asked, options).map((more) => [...found, ...more]),
        );
      }
      return seen.andThen((found) => {
        const byName = new Map(found.map((o) => [o.name, o]));
        const merged = units.map((unit) => byName.get(unit));
        return merged.every((o) => o !== undefined)
          ? okAsync(merged as ServiceObservation[])
          : errAsync(driverError('Unexpected', 'a target did not report every unit'));
      });
    },
    run(server, unit, step) {
      return layerOf(unit).run(server, unit, step);
    },
    async close() {
      await Promise.all(layers.map((layer) => layer.close()));
    },
  };
}
