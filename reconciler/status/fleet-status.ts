// Status rows for every service: desired mode, observed state, sync and health. Pure.
import type { DesiredState, Observations, ServiceObservation } from '../model.ts';
import { serviceHealth } from '../plan/health.ts';
import { withRoundModes } from '../plan/maintenance/maintenance-plan.ts';
import type { Plan } from '../plan/plan-types.ts';
import { serviceSteps } from '../plan/service-steps.ts';
import type { PoolStatus, ServiceStatusRow, Sync } from './types.ts';

function syncOf(verdict: ReturnType<typeof serviceSteps>): Sync {
  return verdict.kind === 'steps' && verdict.steps.length === 0 ? 'Synced' : 'OutOfSync';
}

/** Every pool's servers and services as they stand at `now`. */
export function fleetStatus(
  desired: DesiredState,
  observed: Observations,
  now: number,
): PoolStatus[] {
  return desired.pools.map((pool) => ({
    name: pool.name,
    suspended: pool.suspend,
    servers: (pool.suspend ? [] : pool.servers).map((server) => {
      const seen = observed.get(pool.name)?.get(server.name);
      const services: ServiceStatusRow[] = server.services.map(({ name, mode }) => {
        const service: ServiceObservation | null = seen?.ok
          ? (seen.services.find((s) => s.name === name) ?? null)
          : null;
        return {
          name,
          desired: mode,
          status: service?.status ?? null,
          startType: service?.startType ?? null,
          sessions: service?.sessions ?? null,
          since: service?.since ?? null,
          sync: service === null ? 'Unknown' : syncOf(serviceSteps(mode, service)),
          health: serviceHealth(mode, service, pool.drain.timeoutMs, now),
          ...(service?.sessionsUnreadable === undefined
            ? {}
            : { sessionsUnreadable: service.sessionsUnreadable }),
          ...(service?.clients === undefined ? {} : { clients: service.clients }),
          ...(service?.registered === undefined ? {} : { registered: service.registered }),
        };
      });
      return {
        name: server.name,
        mode: server.mode,
        reason: server.reason,
        reachable: seen?.ok === true,
        error:
          seen === undefined || seen.ok
            ? null
            : { kind: seen.error.kind, message: seen.error.message },
        services,
      };
    }),
  }));
}

/** The fleet as a plan sees it: servers a maintenance round has taken out show as draining (their reason names the round). */
export const planFleetStatus = (
  desired: DesiredState,
  plan: Pick<Plan, 'rollouts'>,
  observed: Observations,
  now: number,
): PoolStatus[] => fleetStatus(withRoundModes(desired, plan.rollouts), observed, now);
