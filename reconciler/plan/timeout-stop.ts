// drain.onTimeout: stop — the step a drain older than drain.timeout gets: stop the service (DESIGN §3).
import type { PoolSpec, ServiceObservation } from '../model.ts';
import type { PlannedStep } from './service-steps.ts';

/**
 * The stop step for a Paused service whose drain began more than `drain.timeout` ago in a pool with
 * `drain.onTimeout: stop`; null otherwise (`wait`: it stays Stalled). Its note is the reason the audit keeps.
 */
export function timeoutStop(
  pool: Pick<PoolSpec, 'drain'>,
  seen: ServiceObservation,
  now: number,
): PlannedStep | null {
  if (pool.drain.onTimeout !== 'stop' || seen.status !== 'Paused' || seen.since === null)
    return null;
  const age = now - seen.since;
  if (age <= pool.drain.timeoutMs || (seen.sessions ?? 1) === 0) return null;
  const minutes = Math.round(age / 60_000);
  return {
    action: 'stop',
    after: { status: 'Stopped', startType: seen.startType },
    note: `drain open ${minutes} min, past drain.timeout with ${left(seen.sessions)} left: stopped (drain.onTimeout: stop)`,
  };
}

/** `1 session`, `3 sessions`, `unknown sessions`. */
const left = (sessions: number | null | undefined) =>
  sessions === 1 ? '1 session' : `${sessions ?? 'unknown'} sessions`;
