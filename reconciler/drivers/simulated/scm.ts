// A model of the Windows Service Control Manager for one service: what observe sees, what a step does.
import { err, ok, type Result } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceObservation, ServiceStatus, Step } from '../../model.ts';
import type { SimService } from './fleet-file.ts';

/** Timing of the model: session lifetime and how long pending states last. */
export interface ScmTiming {
  /** Mean session lifetime in ms (sessions of a paused service end at this rate). */
  sessionMs: number;
  /** How long a pending state lasts, in ms. */
  pendingMs: () => number;
}

const STUCK: ServiceStatus[] = ['StartPending', 'StopPending', 'PausePending', 'ContinuePending'];

/** Open sessions at `now`: they only end while not Running, and drift back to `load` while Running. */
export function sessionsAt(service: SimService, now: number, timing: ScmTiming): number {
  const elapsed = Math.max(0, now - (service.since ?? now));
  const decay = Math.exp(-elapsed / (service.sessionMs ?? timing.sessionMs));
  if (service.status === 'Stopped') return 0;
  if (service.status === 'Running') {
    const load = service.load ?? service.sessions;
    return Math.round(load - (load - service.sessions) * decay);
  }
  const left = service.sessions * decay;
  return left < 1 ? 0 : Math.floor(left);
}

/**
 * The status shown at `now` (a pending state until it has passed). A StopPending service (a graceful stop or a
 * failover: lync-methods.ts) is Stopped once its last session has ended; without `timing` it stays StopPending.
 */
export function statusAt(service: SimService, now: number, timing?: ScmTiming): ServiceStatus {
  if (service.pending !== undefined && (service.pendingUntil ?? Number.POSITIVE_INFINITY) > now)
    return service.pending;
  if (
    service.status === 'StopPending' &&
    timing !== undefined &&
    sessionsAt(service, now, timing) === 0
  )
    return 'Stopped';
  return service.status;
}

/** What a driver reports for the service at `now`. */
export function observeService(
  name: string,
  service: SimService,
  now: number,
  timing: ScmTiming,
): ServiceObservation {
  const status = statusAt(service, now, timing);
  const seen: ServiceObservation = {
    name,
    status,
    startType: service.startType,
    canPause: service.canPause,
    sessions: sessionsAt(service, now, timing),
    since: service.since ?? null,
  };
  // Signed-in clients are information, as the windows driver's `sessions: lync` reports them: they never end by
  // themselves while the service runs or is paused, and never decide a drain.
  const stopped = status === 'Stopped';
  if (service.clients !== undefined) seen.clients = stopped ? 0 : service.clients;
  if (service.registered !== undefined) seen.registered = stopped ? 0 : service.registered;
  return seen;
}

function enter(
  service: SimService,
  status: ServiceStatus,
  pending: ServiceStatus,
  now: number,
  timing: ScmTiming,
): SimService {
  const { pending: _p, pendingUntil: _u, ...rest } = service;
  return {
    ...rest,
    sessions: sessionsAt(service, now, timing),
    status,
    since: now,
    sessionMs: timing.sessionMs,
    pending,
    pendingUntil: now + timing.pendingMs(),
  };
}

/** The service after `step` at `now`, or the error Windows would give. */
export function applyStep(
  service: SimService,
  step: Step,
  now: number,
  timing: ScmTiming,
): Result<SimService, DriverError> {
  if (step.action === 'set-startup-type') return ok({ ...service, startType: step.startType });
  const status = statusAt(service, now, timing);
  if (STUCK.includes(status))
    return err(driverError('Busy', `service is ${status}; it cannot accept a control now (1061)`));
  switch (step.action) {
    case 'pause':
      if (status === 'Paused') return ok(service);
      if (status === 'Stopped')
        return err(driverError('NotActive', 'service has not been started (1062)'));
      if (!service.canPause)
        return err(driverError('CannotPause', 'service does not accept pause (1052)'));
      return ok(enter(service, 'Paused', 'PausePending', now, timing));
    case 'resume':
      if (status === 'Running') return ok(service);
      if (status === 'Stopped')
        return err(driverError('NotActive', 'service has not been started (1062)'));
      return ok(enter(service, 'Running', 'ContinuePending', now, timing));
    case 'start':
      if (status !== 'Stopped') return ok(service);
      if (service.startType === 'Disabled')
        return err(driverError('Unexpected', 'service is disabled (1058)'));
      return ok({ ...enter(service, 'Running', 'StartPending', now, timing), sessions: 0 });
    case 'stop':
      // SERVICE_CONTROL_STOP is accepted Running or Paused; the sessions it still held end with it.
      // https://learn.microsoft.com/windows/win32/api/winsvc/nf-winsvc-controlservice
      if (status === 'Stopped') return ok(service);
      return ok({ ...enter(service, 'Stopped', 'StopPending', now, timing), sessions: 0 });
    case 'graceful-stop':
    case 'failover':
    case 'failback':
      // The Lync cmdlets of drain.method: the driver runs them (lync-methods.ts), never this model of the SCM.
      throw new Error(`${step.action} is a Lync cmdlet's step, not a service control`);
  }
}
