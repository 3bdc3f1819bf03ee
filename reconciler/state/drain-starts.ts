// Pure: which drain records a round of observations opens or closes, and observations with the
// drain start filled in where the driver could not say (so drain.timeout makes Stalled for every driver).
import type { PoolSpec, ServerObservation } from '../model.ts';
import type { DrainRecord, ServiceKey } from './drain-record.ts';

const OUT_OF_ROTATION = new Set(['Paused', 'PausePending', 'Stopped', 'StopPending']);

/** What to write to the store, and the observations to plan with. */
export interface DrainStarts {
  record: DrainRecord[];
  clear: ServiceKey[];
  observed: Map<string, ServerObservation>;
}

/** Compares a pool's observations with its drain records at `now` (ms). */
export function drainStarts(
  pool: PoolSpec,
  observed: ReadonlyMap<string, ServerObservation>,
  drains: readonly DrainRecord[],
  now: number,
): DrainStarts {
  const known = new Map(drains.map((d) => [`${d.server}\u0000${d.service}`, d]));
  const result: DrainStarts = { record: [], clear: [], observed: new Map(observed) };
  for (const server of pool.servers) {
    const seen = observed.get(server.name);
    if (seen === undefined || !seen.ok) continue;
    const modes = new Map(server.services.map((s) => [s.name, s.mode]));
    const services = seen.services.map((service) => {
      const key = { pool: pool.name, server: server.name, service: service.name };
      const drain = known.get(`${server.name}\u0000${service.name}`);
      const draining =
        modes.get(service.name) === 'draining' && OUT_OF_ROTATION.has(service.status);
      if (!draining) {
        if (drain !== undefined) result.clear.push(key);
        return service;
      }
      if (drain === undefined) {
        const began = new Date(service.since ?? now).toISOString();
        result.record.push({ ...key, began, source: 'observed' });
        return service;
      }
      return service.since === null ? { ...service, since: Date.parse(drain.began) } : service;
    });
    result.observed.set(server.name, { ok: true, services });
  }
  return result;
}
