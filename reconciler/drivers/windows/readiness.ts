// The lync2013-readiness gate on a windows pool: Get-CsPoolUpgradeReadinessState (Get-CsUpgradeDomainInfo on
// Skype for Business Server 2019) on a Front End of the pool, over the driver's transport (a PowerShell session
// over ssh; for `via: cim`, Invoke-Command from a local one). The lync-fabric gate asks the same way.
import { err, ok, type Result } from 'neverthrow';
import type { DriverError } from '../../errors.ts';
import type { ServerSpec } from '../../model.ts';
import type { ReadinessReply } from '../descriptor.ts';
import { sessionArgs } from './bootstrap.ts';
import { parseReadiness, readinessScript } from './readiness-script.ts';
import { type SessionPool, sessionPool } from './sessions.ts';
import { sshArgv, sshFailure, sshOptionsOf } from './ssh.ts';

import type { WindowsTarget } from './target.ts';

/** Programs (tests point them at stand-ins), time limits, how many servers to try. */
export interface ReadinessOptions {
  ssh?: string;
  powershell?: string;
  /** For the answer (the Lync module can take a while to load). Default 120 s. */
  timeoutMs?: number;
  /** For the session to start. Default 60 s. */
  startTimeoutMs?: number;
  /** Servers asked, in order, until one answers. Default 3. */
  attempts?: number;
}

const CMDLET = 'Get-CsPoolUpgradeReadinessState';

/**
 * Whom to ask, in order: the pool's other servers declared active, those after the one about to drain first (a
 * round goes in declaration order, so they are untouched; one before it may still be in its hook, rebooting),
 * then those declared draining, and only then the server about to drain.
 */
export function readinessCandidates(servers: readonly ServerSpec[], draining: string): string[] {
  const at = servers.findIndex((s) => s.name === draining);
  const rank = (s: ServerSpec, i: number) =>
    s.name === draining ? 3 : s.mode !== 'active' ? 2 : i < at ? 1 : 0;
  return servers
    .map((s, i) => ({ name: s.name, rank: rank(s, i) }))
    .sort((a, b) => a.rank - b.rank)
    .map((s) => s.name);
}

/** What to do about a failure to ask `host`, by how it failed. */
function advice(target: WindowsTarget, host: string, error: DriverError, cmdlet: string): string {
  if (/^cannot run /.test(error.message))
    return 'install it on the machine running quiesce (or put it on PATH)';
  if (error.kind === 'Unreachable' || error.kind === 'AccessDenied' || error.kind === 'Timeout')
    return target.via === 'ssh'
      ? `check that ${host} takes ssh with the pool's user, identityFile and knownHostsFile`
      : `check PowerShell remoting to ${host} (WinRM: Enable-PSRemoting there, and this account allowed)`;
  return `run ${cmdlet} in the Lync Server Management Shell on ${host} to see why, or use a command gate`;
}

/**
 * Sessions to ask through: by default one per ask, closed after it; `keep: true` keeps one per server until
 * closed (the caller closes it), so the Lync module loads once.
 */
export function readinessSessions(
  target: WindowsTarget,
  options: ReadinessOptions & { keep?: boolean } = {},
): SessionPool {
  const ssh = sshOptionsOf(target);
  const viaSsh = target.via === 'ssh';
  return sessionPool({
    idleMs: 5 * 60_000,
    perCall: options.keep !== true,
    spec: (host) => ({
      host,
      timeoutMs: options.timeoutMs ?? 120_000,
      startTimeoutMs: options.startTimeoutMs ?? 60_000,
      argv: viaSsh
        ? sshArgv(options.ssh ?? 'ssh', ssh, host, ['powershell.exe', ...sessionArgs()])
        : [options.powershell ?? 'powershell.exe', ...sessionArgs()],
      transportFailure: (code, stderr) => (viaSsh ? sshFailure(code, stderr, host) : null),
    }),
  });
}

/** One request to a Front End: the cmdlet it runs (for messages), its script for a host, and its parse. */
export interface FrontEndRequest<T> {
  cmdlet: string;
  /** What a useless answer lacks, for its message ("pool state"). */
  what: string;
  script(computer: string | null): string;
  parse(
    text: string,
  ): { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'unparsable'; detail: string };
}

/** The answer from `host`, or one line: what failed, on which server, what to do. */
async function ask<T>(
  target: WindowsTarget,
  host: string,
  sessions: SessionPool,
  request: FrontEndRequest<T>,
): Promise<Result<T, string>> {
  const viaSsh = target.via === 'ssh';
  const { cmdlet } = request;
  const text = await sessions.run(host, request.script(viaSsh ? null : host), cmdlet);
  if (text.isErr()) {
    const what = text.error.message.includes(host) ? '' : `${cmdlet} on ${host}: `;
    return err(`${what}${text.error.message}; ${advice(target, host, text.error, cmdlet)}`);
  }
  const answer = request.parse(text.value);
  if (answer.kind === 'ok') return ok(answer.value);
  if (answer.kind === 'missing')
    return err(
      `${cmdlet} is not available on ${host} (no Lync Server or Skype for Business Server module there); ask a Front End of the pool, or use a command gate`,
    );
  return err(
    `${cmdlet} on ${host} gave no ${request.what}: ${answer.detail}; run it there to see its output, or use a command gate`,
  );
}

/**
 * The answer to `request` from the first of `servers` that answers, at most `attempts` of them asked, through
 * `options.sessions` (default: a session per ask). When none answers: every failure, on one line.
 */
export async function askFrontEnds<T>(
  target: WindowsTarget,
  servers: readonly string[],
  request: FrontEndRequest<T>,
  options: ReadinessOptions & { sessions?: SessionPool } = {},
): Promise<Result<T, string>> {
  if (target.via === 'sc')
    return err(
      `${request.cmdlet} needs PowerShell on the pool's servers: use windows via ssh or cim`,
    );
  const sessions = options.sessions ?? readinessSessions(target, options);
  const failures: string[] = [];
  for (const host of servers.slice(0, Math.max(1, options.attempts ?? 3))) {
    const answer = await ask(target, host, sessions, request);
    if (answer.isOk()) return answer;
    failures.push(answer.error);
  }
  if (failures.length === 0) return err(`the pool has no server to ask ${request.cmdlet}`);
  return err(failures.join(' | '));
}

/**
 * The pool's upgrade readiness (PoolUpgradeState: Ready, Busy, InsufficientActiveFrontEnds, or another state as
 * the cmdlet names it, and its upgrade domains) from the first of `servers` that answers; `sfb2019` asks
 * Get-CsUpgradeDomainInfo first (it replaced Get-CsPoolUpgradeReadinessState in Skype for Business Server 2019).
 */
export function windowsReadiness(
  target: WindowsTarget,
  servers: readonly string[],
  options: ReadinessOptions & { sessions?: SessionPool; sfb2019?: boolean } = {},
): Promise<Result<ReadinessReply, string>> {
  const sfb2019 = options.sfb2019 ?? false;
  return askFrontEnds(
    target,
    servers,
    {
      cmdlet: sfb2019 ? 'Get-CsUpgradeDomainInfo' : CMDLET,
      what: 'pool state',
      script: (computer) => readinessScript(computer, sfb2019),
      parse: (text) => {
        const answer = parseReadiness(text);
        if (answer.kind !== 'state') return answer;
        const { kind: _, ...reply } = answer;
        return { kind: 'ok', value: reply };
      },
    },
    options,
  );
}
