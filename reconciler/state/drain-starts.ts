// Pure: which drain records a round of observations opens or closes, and observations with the
// drain start filled in where the driver could not say (so drain.timeout makes Stalled for every driver), and
// the startup type a return puts back (from the record) on each service that has one.
import type { PoolSpec, ServerObservation, ServiceObservation, StartType } from '../model.ts';
import type { DrainRecord, ServiceKey } from './drain-record.ts';

const OUT_OF_ROTATION = new Set(['Paused', 'PausePending', 'Stopped', 'StopPending']);
const isAutomatic = (type: StartType | null) =>
  type === null || type === 'Automatic' || type === 'AutomaticDelayed';

/**
 * Whether a service with a drain record, not out of rotation now, is done with it: Running with the startup
 * type the record puts back (Automatic when it does not know). A service still draining keeps it (Running and
 * Manual between a drain's first step and its pause), and so does one whose return has not finished.
 */
function returned(service: ServiceObservation, drain: DrainRecord): boolean {
  if (service.status !== 'Running') return false;
  const restore = drain.startType ?? null;
  return restore === null ? isAutomatic(service.startType) : service.startType === restore;
}

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
  // Records by server, then service: a server with none and nothing draining is left as observed (most are).
  const known = new Map<string, Map<string, DrainRecord>>();
  for (const d of drains) {
    const byService = known.get(d.server) ?? new Map<string, DrainRecord>();
    byService.set(d.service, d);
    known.set(d.server, byService);
  }
  const result: DrainStarts = { record: [], clear: [], observed: new Map(observed) };
  for (const server of pool.servers) {
    const seen = observed.get(server.name);
    if (seen === undefined || !seen.ok) continue;
    const records = known.get(server.name);
    if (records === undefined && !server.services.some((s) => s.mode === 'draining')) continue;
    const modes = new Map(server.services.map((s) => [s.name, s.mode]));
    const services = seen.services.map((service) => {
      const key = { pool: pool.name, server: server.name, service: service.name };
      const drain = records?.get(service.name);
      const draining =
        modes.get(service.name) === 'draining' && OUT_OF_ROTATION.has(service.status);
      if (!draining) {
        if (drain === undefined) return service;
        if (returned(service, drain)) {
          result.clear.push(key);
          return service;
        }
        return { ...service, restore: drain.startType ?? null };
      }
      if (drain === undefined) {
        const began = new Date(service.since ?? now).toISOString();
        result.record.push({ ...key, began, source: 'observed', startType: null });
        return { ...service, restore: null };
      }
      const since = service.since ?? Date.parse(drain.began);
      return { ...service, since, restore: drain.startType ?? null };
    });
    result.observed.set(server.name, { ok: true, services });
  }
  return result;
}
