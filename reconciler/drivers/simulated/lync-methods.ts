// drain.method's Lync cmdlets on the simulated fleet, as Microsoft documents them: Stop-CsWindowsService
// -Graceful, Invoke-CsComputerFailOver and Invoke-CsComputerFailBack.
import { err, ok, type Result } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { SimServer, SimService } from './fleet-file.ts';
import { type ScmTiming, sessionsAt, statusAt } from './scm.ts';

/**
 * `Stop-CsWindowsService -Name X -Graceful`: "the service [is prevented] from accepting any new requests. All
 * existing service requests will remain as is … As existing requests finish, those requests will not be
 * replaced. Eventually, all the existing requests will be filled and the service will then shut down"
 * (learn.microsoft.com/powershell/module/skypeforbusiness/stop-cswindowsservice). Here: StopPending while its
 * sessions end (they end as a paused service's do), then Stopped (scm.ts statusAt).
 */
export function gracefulStop(
  service: SimService,
  now: number,
  timing: ScmTiming,
): Result<SimService, DriverError> {
  const status = statusAt(service, now, timing);
  if (status === 'Stopped' || status === 'StopPending') return ok(service);
  if (status !== 'Running' && status !== 'Paused')
    return err(driverError('Busy', `service is ${status}; it cannot accept a control now (1061)`));
  return ok(stopping(service, now, timing));
}

/** The service refusing new sessions, StopPending until the ones it holds end. */
function stopping(service: SimService, now: number, timing: ScmTiming): SimService {
  const { pending: _p, pendingUntil: _u, ...rest } = service;
  return {
    ...rest,
    sessions: sessionsAt(service, now, timing),
    status: 'StopPending',
    since: now,
    sessionMs: service.sessionMs ?? timing.sessionMs,
  };
}

/** How long the service's sessions take to end (the last one below 1), in ms. */
function drainMs(service: SimService, now: number, timing: ScmTiming): number {
  const left = sessionsAt(service, now, timing);
  return left < 1 ? 0 : (service.sessionMs ?? timing.sessionMs) * Math.log(left + 1);
}

/**
 * `Invoke-CsComputerFailOver -ComputerName X -WaitTime T`: "migrates the users and data, and drains the existing
 * conferences and sessions before the Skype for Business services are stopped and disabled"; past -WaitTime
 * "the cmdlet fails and no action is taken on the specified server"
 * (learn.microsoft.com/powershell/module/skypeforbusiness/invoke-cscomputerfailover). Here every service of
 * the server refuses new sessions at once (StopPending until its own end, then Stopped) and is Disabled, and its
 * signed-in clients (`clients`, `registered`) are moved off at once; the
 * real cmdlet returns only then, the simulation at once. A server whose sessions would outlast `waitMs` is left
 * as it was and the step fails (not retried: it would wait as long again). A server already failed over is left
 * as it is (one step per service: the first takes the computer out, the others find it out).
 */
export function failOver(
  server: SimServer,
  now: number,
  timing: ScmTiming,
  waitMs: number,
): Result<Record<string, SimService>, DriverError> {
  const services = Object.entries(server.services);
  const longest = Math.max(0, ...services.map(([, s]) => drainMs(s, now, timing)));
  const out = services.every(([, s]) => s.startType === 'Disabled' && isStopping(s, now, timing));
  if (out) return ok(server.services);
  if (longest > waitMs)
    return err(
      driverError(
        'Unexpected',
        `Invoke-CsComputerFailOver: its sessions would take ${Math.ceil(longest / 60_000)} min to end, more than -WaitTime ${Math.round(waitMs / 60_000)} min (drain.timeout); the cmdlet fails and no action is taken on the server`,
      ),
    );
  const next: Record<string, SimService> = Object.create(null);
  for (const [name, service] of services) {
    const status = statusAt(service, now, timing);
    const stopped =
      status === 'Running' || status === 'Paused' ? stopping(service, now, timing) : service;
    const out: SimService = { ...stopped, startType: 'Disabled' };
    // "migrates the users": the server's signed-in clients and registrations move to the pool's other servers.
    if (service.clients !== undefined) out.clients = 0;
    if (service.registered !== undefined) out.registered = 0;
    next[name] = out;
  }
  return ok(next);
}

const isStopping = (service: SimService, now: number, timing: ScmTiming) => {
  const status = statusAt(service, now, timing);
  return status === 'Stopped' || status === 'StopPending';
};

/**
 * `Invoke-CsComputerFailBack -ComputerName X`: "flag a server as available for load balancing"; with -NoStart it
 * "marks the computer … available to the pool and enables the services, but does not start them", so without it
 * the services are enabled and started
 * (learn.microsoft.com/powershell/module/skypeforbusiness/invoke-cscomputerfailback). Here a Disabled service
 * becomes Automatic (a startup type quiesce set already is kept) and a Stopped one starts; a service that is
 * running or on its way is left as it is (one step per service: the first brings the computer back).
 */
export function failBack(
  server: SimServer,
  now: number,
  timing: ScmTiming,
): Result<Record<string, SimService>, DriverError> {
  const next: Record<string, SimService> = Object.create(null);
  for (const [name, service] of Object.entries(server.services)) {
    const enabled: SimService =
      service.startType === 'Disabled' ? { ...service, startType: 'Automatic' } : service;
    if (statusAt(service, now, timing) !== 'Stopped') {
      next[name] = enabled;
      continue;
    }
    const { pending: _p, pendingUntil: _u, ...rest } = enabled;
    next[name] = {
      ...rest,
      status: 'Running',
      sessions: 0,
      since: now,
      sessionMs: timing.sessionMs,
      pending: 'StartPending',
      pendingUntil: now + timing.pendingMs(),
    };
  }
  return ok(next);
}
