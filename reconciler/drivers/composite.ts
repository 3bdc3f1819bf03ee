// One Driver for a pool with several targets: load-balancer units go to the balancer, the rest to the services driver.
import { errAsync, okAsync } from 'neverthrow';
import { isLoadBalancerUnit, type ServiceObservation } from '../model.ts';
import type { Driver } from './driver.ts';

/** Routes each unit to its layer and merges what they observe, in the order asked. */
export function compositeDriver(services: Driver, loadBalancer: Driver | null): Driver {
  if (loadBalancer === null) return services;
  return {
    observe(server, units) {
      const lbUnits = units.filter(isLoadBalancerUnit);
      const serviceUnits = units.filter((unit) => !isLoadBalancerUnit(unit));
      return loadBalancer.observe(server, lbUnits).andThen((lb) =>
        services.observe(server, serviceUnits).andThen((svc) => {
          const byName = new Map<string, ServiceObservation>(
            [...lb, ...svc].map((o) => [o.name, o]),
          );
          const merged = units.map((unit) => byName.get(unit));
          return merged.every((o) => o !== undefined)
            ? okAsync(merged as ServiceObservation[])
            : errAsync({
                kind: 'Unexpected' as const,
                transient: false,
                message: 'a target did not report every unit',
              });
        }),
      );
    },
    run(server, unit, step) {
      return (isLoadBalancerUnit(unit) ? loadBalancer : services).run(server, unit, step);
    },
    async close() {
      await Promise.all([services.close(), loadBalancer.close()]);
    },
  };
}
