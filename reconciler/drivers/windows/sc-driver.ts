// The sc.exe path (`via: sc`): one sc.exe run per call, read by numeric codes only; sessions are unknown.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceObservation, Step } from '../../model.ts';
import { type ExecResult, execFile } from './exec.ts';
import { SC_START } from './powershell.ts';
import { parseScQc, parseScQuery, scFailureCode, systemError } from './sc-output.ts';

/** Which sc.exe and how long one run may take. */
export interface ScOptions {
  program: string;
  timeoutMs: number;
}

/** Steps sc.exe has a verb for; drain.method's Lync steps need the Lync module (PowerShell: via ssh or cim). */
const SC_VERB: Record<'pause' | 'resume' | 'start' | 'stop', string> = {
  pause: 'pause',
  resume: 'continue',
  start: 'start',
  stop: 'stop',
};

/** Runs `sc.exe \\host ARGS`; a program that cannot start or hangs is a DriverError. */
function sc(
  o: ScOptions,
  host: string,
  args: string[],
  what: string,
): ResultAsync<ExecResult, DriverError> {
  return ResultAsync.fromSafePromise(
    execFile([o.program, `\\\\${host}`, ...args], o.timeoutMs),
  ).andThen((result) => {
    if (result.spawnError !== null)
      return errAsync(
        driverError(
          'Unexpected',
          `cannot run ${o.program}: ${result.spawnError.code ?? result.spawnError.message}`,
        ),
      );
    if (result.timedOut)
      return errAsync(
        driverError('Timeout', `${what} on ${host}: no answer within ${o.timeoutMs} ms`),
      );
    return okAsync(result);
  });
}

/** `sc query` for every state, then `sc qc` per service for the startup type. */
export function observeSc(
  o: ScOptions,
  host: string,
  services: readonly string[],
): ResultAsync<ServiceObservation[], DriverError> {
  return sc(o, host, ['query', 'type=', 'service', 'state=', 'all'], 'sc query').andThen(
    (query) => {
      const code = scFailureCode(query.stdout);
      if (code !== null) return errAsync(systemError(code, `sc query on ${host}`));
      // Service names are case-insensitive on Windows (`rtcsrv` is `RTCSRV`); sc query prints them as installed.
      const states = new Map(
        [...parseScQuery(query.stdout)].map(([name, state]) => [name.toLowerCase(), state]),
      );
      return ResultAsync.combine(
        services.map((name) => {
          const state = states.get(name.toLowerCase());
          if (state === undefined)
            return errAsync(
              driverError('NotFound', `service ${name} is not installed on ${host} (1060)`),
            );
          return sc(o, host, ['qc', name], 'sc qc').andThen((qc) => {
            const qcCode = scFailureCode(qc.stdout);
            if (qcCode !== null) return errAsync(systemError(qcCode, `sc qc ${name} on ${host}`));
            const startType = parseScQc(qc.stdout);
            if (startType === null)
              return errAsync(
                driverError(
                  'Unexpected',
                  `sc qc ${name} on ${host}: no START_TYPE in ${JSON.stringify(qc.stdout.slice(0, 120))}`,
                ),
              );
            // sc.exe has no performance counters: sessions are unknown (health Paused, never a guess).
            const seen: ServiceObservation = {
              name,
              status: state.status,
              startType,
              canPause: state.canPause,
              sessions: null,
              since: null,
            };
            return okAsync(seen);
          });
        }),
      );
    },
  );
}

/** One step with `sc.exe \\host config|pause|continue|start`. */
export function stepSc(
  o: ScOptions,
  host: string,
  service: string,
  step: Step,
): ResultAsync<void, DriverError> {
  const what = `${step.action} ${service} on ${host}`;
  if (step.action === 'graceful-stop' || step.action === 'failover' || step.action === 'failback')
    return errAsync(
      driverError(
        'Unexpected',
        `${what}: drain.method's Lync cmdlets need the Lync module in PowerShell; via: sc has none (use via: ssh or cim)`,
      ),
    );
  const args =
    step.action === 'set-startup-type'
      ? ['config', service, 'start=', SC_START[step.startType]]
      : [SC_VERB[step.action], service];
  return sc(o, host, args, what).andThen((result) => {
    const code =
      scFailureCode(result.stdout) ??
      (result.code !== 0 && result.code !== null ? result.code : null);
    if (code === null || (code === 1056 && step.action !== 'pause')) return okAsync(undefined); // 1056: already running
    return errAsync(systemError(code, what));
  });
}
