// The Windows driver: Win32_Service through one persistent PowerShell session per server (over OpenSSH, or a
// local powershell.exe sending each script to the server through PowerShell remoting), or sc.exe.
import { err, ok, type ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceControl } from '../../model.ts';
import type { Driver } from '../driver.ts';
import { sessionArgs } from './bootstrap.ts';
import { methodError, parseObserve, parseReturnValue } from './cim-output.ts';
import { runLyncStep } from './lync-methods.ts';
import { isLyncStep } from './lync-methods-script.ts';
import { NO_LYNC, observeScript, stepScript } from './powershell.ts';
import { activityFor, countersFor, infoFor } from './presets.ts';
import { observeSc, stepSc } from './sc-driver.ts';
import { systemError } from './sc-output.ts';
import { type SessionPool, sessionPool } from './sessions.ts';
import { sshArgv, sshFailure, sshOptionsOf } from './ssh.ts';

import type { WindowsTarget } from './target.ts';

/** Programs the driver runs (tests point them at stand-ins), time limits, and where warnings go. */
export interface WindowsOptions {
  ssh?: string;
  powershell?: string;
  sc?: string;
  /** Per request; a server that hangs past this is a Timeout and its session is replaced. Default 60 s. */
  timeoutMs?: number;
  /** For a session to start (ssh connected, PowerShell loaded). Default 60 s. */
  startTimeoutMs?: number;
  /** A session unused this long is closed. Default 5 minutes. */
  idleMs?: number;
  /** One PowerShell process per call instead of a session per server (the benchmark's baseline). */
  perCall?: boolean;
  /** Told once per server and message: a session counter that cannot be read there. */
  warn?: (message: string) => void;
}

/** A Driver with its session count (tests and the benchmark count processes). */
export interface WindowsDriver extends Driver {
  /** Sessions (PowerShell processes, and ssh connections for `via: ssh`) started so far. */
  readonly sessionsStarted: number;
}

/** A driver for one pool's windows target. */
export function createWindowsDriver(
  target: WindowsTarget,
  options: WindowsOptions = {},
): WindowsDriver {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const warned = new Set<string>();
  const warn = (host: string, message: string) => {
    const key = `${host}\n${message}`;
    if (warned.has(key)) return;
    warned.add(key);
    options.warn?.(`${host}: ${message}`);
  };
  const ssh = sshOptionsOf(target);
  const sessions: SessionPool = sessionPool({
    idleMs: options.idleMs ?? 5 * 60_000,
    perCall: options.perCall,
    spec: (host) => ({
      host,
      timeoutMs,
      startTimeoutMs: options.startTimeoutMs ?? 60_000,
      argv:
        target.via === 'ssh'
          ? sshArgv(options.ssh ?? 'ssh', ssh, host, ['powershell.exe', ...sessionArgs()])
          : [options.powershell ?? 'powershell.exe', ...sessionArgs()],
      transportFailure: (code, stderr) =>
        target.via === 'ssh' ? sshFailure(code, stderr, host) : null,
    }),
  });
  const computer = (host: string) => (target.via === 'cim' ? host : null);
  const sc = { program: options.sc ?? 'sc.exe', timeoutMs };

  const stepPs = (
    host: string,
    service: string,
    step: ServiceControl,
  ): ResultAsync<void, DriverError> => {
    const what = `${step.action} ${service}`;
    return sessions.run(host, stepScript(service, step, computer(host)), what).andThen((text) => {
      const code = parseReturnValue(text);
      if (code === null)
        return err(
          driverError(
            'Unexpected',
            `${what} on ${host}: unexpected answer ${JSON.stringify(text.slice(0, 120))}`,
          ),
        );
      // A startup type is set with sc.exe config (powershell.ts: SC_START), whose exit code is a Windows error code.
      const failure =
        step.action === 'set-startup-type'
          ? code === 0
            ? null
            : systemError(code, `${what} on ${host}`)
          : methodError(code, step, `${service} on ${host}`);
      return failure === null ? ok(undefined) : err(failure);
    });
  };

  return {
    get sessionsStarted() {
      return sessions.started;
    },
    observe(host, services, options) {
      if (target.via === 'sc') return observeSc(sc, host, services);
      const read = options?.sessions !== false;
      const counters = read ? countersFor(target.sessions, services) : {};
      const lync = read
        ? {
            activity: activityFor(target.sessions, services),
            info: infoFor(target.sessions, services),
          }
        : NO_LYNC;
      const script = observeScript(services, counters, computer(host), lync);
      return sessions
        .run(host, script, 'observe')
        .andThen((text) => parseObserve(text, services))
        .map((seen) => {
          for (const warning of seen.warnings) warn(host, warning);
          return seen.services;
        });
    },
    run(host, service, step) {
      if (target.via === 'sc') return stepSc(sc, host, service, step);
      // drain.method's steps run the Lync cmdlets (lync-methods.ts); the others, Win32_Service.
      return isLyncStep(step)
        ? runLyncStep(sessions, host, service, step, computer(host), timeoutMs)
        : stepPs(host, service, step);
    },
    close() {
      return sessions.close();
    },
  };
}
