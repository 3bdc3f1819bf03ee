// What observations say about a server in a round: out of rotation, drained, back in rotation.
import type { PoolSpec, ServerObservation, ServiceObservation } from '../../model.ts';
import { serviceHealth } from '../health.ts';
import { countsForBudget } from '../policy/fleet.ts';

/** Every managed unit of the server, as observed, or null when one is missing or the server was not read. */
function units(
  pool: PoolSpec,
  observed: ServerObservation | undefined,
): ServiceObservation[] | null {
  if (observed === undefined || !observed.ok) return null;
  const seen: ServiceObservation[] = [];
  for (const { name } of pool.units) {
    const service = observed.services.find((s) => s.name === name);
    if (service === undefined) return null;
    seen.push(service);
  }
  return seen;
}

/** Out of rotation for the budget: unreadable, or any counted unit (under a Lync quorum: RTCSRV) not Running or down. */
export function isUnavailable(pool: PoolSpec, observed: ServerObservation | undefined): boolean {
  const seen = units(pool, observed);
  return (
    seen === null ||
    seen.some((s) => countsForBudget(pool, s.name) && (s.status !== 'Running' || s.down === true))
  );
}

/** Every unit has stopped taking work and holds no sessions (or cannot say: Paused counts, as for plain drains). */
export function isDrained(
  pool: PoolSpec,
  observed: ServerObservation | undefined,
  now: number,
): boolean {
  const seen = units(pool, observed);
  if (seen === null) return false;
  return seen.every((s) => {
    const health = serviceHealth('draining', s, Number.POSITIVE_INFINITY, now);
    return health === 'Drained' || health === 'Paused';
  });
}

/**
 * Back in rotation: every unit Running, not down, with its return finished: the startup type its drain record
 * puts back (Automatic when the record does not know; any when the unit has no record; null without types).
 */
export function isBack(pool: PoolSpec, observed: ServerObservation | undefined): boolean {
  const seen = units(pool, observed);
  if (seen === null) return false;
  return seen.every(
    (s) =>
      s.status === 'Running' &&
      s.down !== true &&
      (s.startType === null ||
        s.restore === undefined ||
        (s.restore === null
          ? s.startType === 'Automatic' || s.startType === 'AutomaticDelayed'
          : s.startType === s.restore)),
  );
}
