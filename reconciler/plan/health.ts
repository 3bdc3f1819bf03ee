// DESIGN §3 health, reported apart from sync: Active, Draining, Drained, Paused, Stalled, Degraded.
import type { Mode, ServiceObservation } from '../model.ts';
import type { Health } from './plan-types.ts';

/** How a service is doing; `timeoutMs` is the pool's drain timeout. */
export function serviceHealth(
  desired: Mode,
  observed: ServiceObservation | null,
  timeoutMs: number,
  now: number,
): Health {
  if (observed === null) return 'Unknown';
  const { status, sessions, since } = observed;
  if (observed.down === true) return 'Degraded';
  if (desired === 'active') return status === 'Running' ? 'Active' : 'Degraded';
  if (status === 'Running' || status === 'StartPending' || status === 'ContinuePending')
    return 'Active';
  if (status === 'Stopped') return 'Drained';
  // Stopping (a graceful stop or a failover: drain.method) is done when Stopped, whatever a count says so far.
  if (status === 'StopPending' && sessions === null && observed.sessionsUnreadable === undefined)
    return since !== null && now - since > timeoutMs ? 'Stalled' : 'Draining';
  // A counter that cannot be read is never zero and never done: the drain goes on (docs/drivers.md).
  if (sessions === null && observed.sessionsUnreadable === undefined) return 'Paused';
  if (sessions === 0) return 'Drained';
  return since !== null && now - since > timeoutMs ? 'Stalled' : 'Draining';
}

/** Whether a draining service's drain is done: Drained, or Paused (no session count to wait on). */
export function drainDone(health: Health): boolean {
  return health === 'Drained' || health === 'Paused';
}
