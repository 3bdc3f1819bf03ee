// The Windows driver: Win32_Service over OpenSSH (PowerShell), CIM from a Windows host, or sc.exe.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceObservation, Step, TargetSpec } from '../../model.ts';
import type { Driver } from '../driver.ts';
import { methodError, parseObserve, parseReturnValue } from './cim-output.ts';
import { type ExecResult, execFile, stderrExcerpt } from './exec.ts';
import { observeScript, powershellArgs, stepScript } from './powershell.ts';
import { parseScQc, parseScQuery, scFailureCode, systemError } from './sc-output.ts';
import { type SshOptions, sshArgv, sshExitArgv, sshFailure } from './ssh.ts';

type WindowsTarget = Extract<TargetSpec, { driver: 'windows' }>;

/** Programs the driver runs (tests point them at stand-ins). */
export interface WindowsOptions {
  ssh?: string;
  powershell?: string;
  sc?: string;
  /** Per call; a remote that hangs past this is a Timeout. Default 60 s. */
  timeoutMs?: number;
}

/** A Driver that must be closed (it keeps one ssh connection per server). */
export interface WindowsDriver extends Driver {
  readonly calls: { remote: number };
  close(): Promise<void>;
}

const SC_TO_START: Partial<Record<string, string>> = {
  Automatic: 'auto',
  AutomaticDelayed: 'delayed-auto',
  Manual: 'demand',
  Disabled: 'disabled',
};
const SC_VERB: Record<Exclude<Step['action'], 'set-startup-type'>, string> = {
  pause: 'pause',
  resume: 'continue',
  start: 'start',
};

/** A driver for one pool's windows target. */
export function createWindowsDriver(
  target: WindowsTarget,
  options: WindowsOptions = {},
): WindowsDriver {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const calls = { remote: 0 };
  const hosts = new Set<string>();
  let controlDir: string | null = null;
  const ssh = (): SshOptions => {
    controlDir ??= mkdtempSync(join(tmpdir(), 'qssh-'));
    return {
      user: target.user,
      port: target.port,
      identityFile: target.identityFile,
      knownHostsFile: target.knownHostsFile,
      connectTimeoutSeconds: Math.max(1, Math.round(target.connectTimeoutMs / 1000)),
      controlDir,
    };
  };

  /** Runs a command for `host` the way the target says; errors of the transport itself become DriverErrors. */
  const run = async (
    host: string,
    argv: string[],
    what: string,
  ): Promise<ExecResult | DriverError> => {
    calls.remote++;
    const result = await execFile(argv, timeoutMs);
    if (result.spawnError !== null) {
      return driverError(
        'Unexpected',
        `cannot run ${argv[0]}: ${result.spawnError.code ?? result.spawnError.message}`,
      );
    }
    if (result.timedOut)
      return driverError('Timeout', `${what} on ${host}: no answer within ${timeoutMs} ms`);
    if (target.via === 'ssh') {
      const failure = sshFailure(result.code, result.stderr, host);
      if (failure !== null) return failure;
    }
    return result;
  };
  const isError = (value: ExecResult | DriverError): value is DriverError => 'kind' in value;

  /** Runs a PowerShell script on (ssh) or against (cim) the host. */
  const powershell = (host: string, script: string, what: string) => {
    if (target.via === 'ssh') {
      hosts.add(host);
      return run(host, sshArgv(options.ssh ?? 'ssh', ssh(), host, powershellArgs(script)), what);
    }
    const [, ...args] = powershellArgs(script);
    return run(host, [options.powershell ?? 'powershell.exe', ...args], what);
  };
  const computer = (host: string) => (target.via === 'cim' ? host : null);

  const failed = (result: ExecResult, what: string) =>
    driverError(
      'Unexpected',
      `${what}: exit ${result.code}: ${stderrExcerpt(result.stderr) || stderrExcerpt(result.stdout)}`,
    );

  const observePs = async (
    host: string,
    services: readonly string[],
  ): Promise<ServiceObservation[] | DriverError> => {
    const result = await powershell(
      host,
      observeScript(services, target.sessions, computer(host)),
      'observe',
    );
    if (isError(result)) return result;
    if (result.code !== 0) return failed(result, `observe ${host}`);
    const parsed = parseObserve(result.stdout, services);
    return parsed.isOk() ? parsed.value : parsed.error;
  };

  const observeSc = async (
    host: string,
    services: readonly string[],
  ): Promise<ServiceObservation[] | DriverError> => {
    const sc = options.sc ?? 'sc.exe';
    const query = await run(
      host,
      [sc, `\\\\${host}`, 'query', 'type=', 'service', 'state=', 'all'],
      'sc query',
    );
    if (isError(query)) return query;
    const code = scFailureCode(query.stdout);
    if (code !== null) return systemError(code, `sc query on ${host}`);
    const states = parseScQuery(query.stdout);
    const out: ServiceObservation[] = [];
    for (const name of services) {
      const state = states.get(name);
      if (state === undefined)
        return driverError('NotFound', `service ${name} is not installed on ${host} (1060)`);
      const qc = await run(host, [sc, `\\\\${host}`, 'qc', name], 'sc qc');
      if (isError(qc)) return qc;
      const qcCode = scFailureCode(qc.stdout);
      if (qcCode !== null) return systemError(qcCode, `sc qc ${name} on ${host}`);
      const startType = parseScQc(qc.stdout);
      if (startType === null)
        return driverError(
          'Unexpected',
          `sc qc ${name} on ${host}: no START_TYPE in ${JSON.stringify(qc.stdout.slice(0, 120))}`,
        );
      // sc.exe has no performance counters: sessions are unknown (health Paused, never a guess).
      out.push({
        name,
        status: state.status,
        startType,
        canPause: state.canPause,
        sessions: null,
        since: null,
      });
    }
    return out;
  };

  const stepPs = async (host: string, service: string, step: Step): Promise<DriverError | null> => {
    const what = `${step.action} ${service} on ${host}`;
    const result = await powershell(host, stepScript(service, step, computer(host)), what);
    if (isError(result)) return result;
    if (result.code !== 0) return failed(result, what);
    const code = parseReturnValue(result.stdout);
    if (code === null)
      return driverError(
        'Unexpected',
        `${what}: unexpected answer ${JSON.stringify(result.stdout.slice(0, 120))}`,
      );
    if (step.action === 'set-startup-type' && step.startType === 'AutomaticDelayed' && code !== 0)
      return systemError(code, what);
    return methodError(code, step, service);
  };

  const stepSc = async (host: string, service: string, step: Step): Promise<DriverError | null> => {
    const what = `${step.action} ${service} on ${host}`;
    const args =
      step.action === 'set-startup-type'
        ? ['config', service, 'start=', SC_TO_START[step.startType] ?? 'auto']
        : [SC_VERB[step.action], service];
    const result = await run(host, [options.sc ?? 'sc.exe', `\\\\${host}`, ...args], what);
    if (isError(result)) return result;
    const code =
      scFailureCode(result.stdout) ??
      (result.code !== 0 && result.code !== null ? result.code : null);
    if (code === null) return null;
    if (code === 1056 && step.action !== 'pause') return null; // already running
    return systemError(code, what);
  };

  return {
    calls,
    observe(host, services) {
      const work = target.via === 'sc' ? observeSc(host, services) : observePs(host, services);
      return ResultAsync.fromSafePromise(work).andThen((value) =>
        Array.isArray(value) ? okAsync(value) : errAsync(value),
      );
    },
    run(host, service, step) {
      const work = target.via === 'sc' ? stepSc(host, service, step) : stepPs(host, service, step);
      return ResultAsync.fromSafePromise(work).andThen((error) =>
        error === null ? okAsync(undefined) : errAsync(error),
      );
    },
    async close() {
      if (target.via === 'ssh' && controlDir !== null) {
        const o = ssh();
        await Promise.all(
          [...hosts].map((host) => execFile(sshExitArgv(options.ssh ?? 'ssh', o, host), 5000)),
        );
        rmSync(controlDir, { recursive: true, force: true });
        controlDir = null;
        hosts.clear();
      }
    },
  };
}
