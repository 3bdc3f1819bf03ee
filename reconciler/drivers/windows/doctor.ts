// `quiesce doctor` for a windows target: per server, read-only checks over the driver's own transport, as findings.
import {
  type Finding,
  type FindingCheck,
  type FindingLevel,
  finding,
} from '../../doctor-finding.ts';
import type { DriverError } from '../../errors.ts';
import type { PoolSpec } from '../../model.ts';
import type { DoctorContext } from '../descriptor.ts';
import { type DoctorAnswer, doctorScript, parseDoctor } from './doctor-script.ts';
import { execFile } from './exec.ts';
import { countersFor } from './presets.ts';
import { readinessSessions } from './readiness.ts';
import { observeSc } from './sc-driver.ts';
import type { WindowsTarget } from './target.ts';

/** Programs (tests may point them at stand-ins) and the time limit of one server's checks. */
export interface WindowsDoctorOptions {
  ssh?: string;
  sshKeygen?: string;
  powershell?: string;
  sc?: string;
  timeoutMs?: number;
}

/** Kerberos refuses tickets past this skew by default ("Maximum tolerance for computer clock synchronization"). */
export const MAX_SKEW_MS = 5 * 60_000;

/** How `via` reaches a server, for messages. */
const HOW: Record<WindowsTarget['via'], string> = {
  ssh: 'over ssh (OpenSSH, powershell.exe there)',
  cim: 'through WinRM (CIM from the local powershell.exe)',
  sc: 'through sc.exe (the Service Control Manager over RPC)',
};

/** Whether the pool asks the Lync module for something (the lync2013-readiness gate). */
export const needsLync = (pool: PoolSpec): boolean =>
  (pool.maintenance?.gates ?? []).some((gate) => gate.kind === 'lync2013-readiness');

/** Whether `host` (with a non-default port, `[host]:port`) has a key in the known_hosts ssh would use. */
async function hostKey(
  target: WindowsTarget,
  host: string,
  program: string,
): Promise<[FindingLevel, string, string | null]> {
  const name = target.port === null || target.port === 22 ? host : `[${host}]:${target.port}`;
  const file = target.knownHostsFile;
  const argv = [program, '-F', name, ...(file === null ? [] : ['-f', file])];
  const result = await execFile(argv, 10_000);
  const where = file ?? '~/.ssh/known_hosts';
  const fix = `collect it once and check its fingerprint: ssh-keyscan ${target.port === null ? '' : `-p ${target.port} `}${host} >> ${where}`;
  if (result.spawnError !== null)
    return [
      'note',
      `cannot look up ${name}'s host key: ${program} is not installed`,
      'install OpenSSH (ssh-keygen)',
    ];
  if (result.code === 0) return ['ok', `${name} has a host key in ${where}`, null];
  return [
    'fail',
    `no host key for ${name} in ${where}: ssh (StrictHostKeyChecking=yes) will refuse it`,
    fix,
  ];
}

/** The findings of one server's answer. */
function answerFindings(
  target: WindowsTarget,
  pool: PoolSpec,
  host: string,
  answer: DoctorAnswer,
  asked: { from: number; to: number },
): Finding[] {
  const out: Finding[] = [];
  const add = (
    check: FindingCheck,
    level: FindingLevel,
    message: string,
    fix: string | null = null,
  ) => out.push(finding(pool.name, host, check, level, message, fix));
  if (answer.cimError !== null) {
    add(
      'reach',
      'fail',
      `Win32_Service cannot be read ${HOW[target.via]}: ${answer.cimError}`,
      target.via === 'cim'
        ? `check WinRM to ${host} (Test-WSMan ${host}; winrm quickconfig there) and that this account is an administrator there`
        : 'check that the ssh user is an administrator on the server',
    );
    return out;
  }
  for (const s of answer.services) {
    if (s.missing) {
      add(
        'service',
        'fail',
        `${s.asked}: no such service`,
        `check the name with Get-Service on ${host}, or remove it from spec.services`,
      );
      continue;
    }
    const spelt = s.name !== s.asked ? ` (Windows spells it ${s.name})` : '';
    const pauses = s.acceptPause ? 'accepts pause' : 'does not accept pause';
    const level: FindingLevel = !s.acceptPause && s.state === 'Running' ? 'fail' : 'ok';
    add(
      'service',
      level,
      `${s.asked}${spelt}: ${s.state}, startup ${s.startMode}, ${pauses}`,
      level === 'fail'
        ? `quiesce drains by pausing: remove ${s.asked} from spec.services (a service that cannot pause cannot drain)`
        : null,
    );
  }
  for (const c of answer.counters) {
    if (c.error === null) add('counter', 'ok', `${c.service}: ${c.path} = ${c.value}`);
    else
      add(
        'counter',
        'fail',
        `${c.service}: ${c.path} cannot be read: ${c.error}`,
        `check the path with Get-Counter -ListSet * on ${host}, or set spec.target.sessions for ${c.service}`,
      );
  }
  const server = answer.server;
  if (server === null) {
    add(
      'reach',
      'fail',
      `PowerShell on ${host} cannot be asked${answer.serverError === null ? '' : `: ${answer.serverError}`}`,
      target.via === 'cim' ? `enable PowerShell remoting on ${host} (Enable-PSRemoting)` : null,
    );
    return out;
  }
  const major = Number.parseInt(server.psVersion, 10);
  add(
    'powershell',
    major >= 3 ? 'ok' : 'fail',
    `PowerShell ${server.psVersion}${major >= 3 ? ' (3.0 or later: the CIM cmdlets quiesce uses are there)' : ''}`,
    major >= 3 ? null : 'install Windows Management Framework 3.0 or later',
  );
  const lync = needsLync(pool);
  if (server.lync) add('lync', 'ok', 'the Lync Server module is present');
  else
    add(
      'lync',
      lync ? 'fail' : 'note',
      `no Lync Server module (Get-CsPoolUpgradeReadinessState)${lync ? ': the lync2013-readiness gate needs it' : ''}`,
      lync ? `install the Lync Server Management Shell on ${host}, or use a command gate` : null,
    );
  for (const a of server.access) {
    if (a.code === 1060) continue; // the service is missing: said above
    if (a.code === 0)
      add(
        'rights',
        'ok',
        `${a.name}: this account may change its configuration, pause, continue and start it`,
      );
    else if (a.code === 5)
      add(
        'rights',
        'fail',
        `${a.name}: access denied (SERVICE_CHANGE_CONFIG, SERVICE_PAUSE_CONTINUE or SERVICE_START)`,
        `run quiesce as an administrator of ${host}, or grant those rights on ${a.name} (sc.exe sdset)`,
      );
    else
      add(
        'rights',
        'note',
        `${a.name}: the rights could not be asked: ${a.error ?? `error ${a.code}`}`,
      );
  }
  const at = Date.parse(server.utc);
  if (Number.isFinite(at)) {
    // The server read its clock while the request was out: only a time outside that interval is skew.
    const skew = at < asked.from ? at - asked.from : at > asked.to ? at - asked.to : 0;
    const seconds = Math.round(Math.abs(skew) / 1000);
    const side = skew >= 0 ? 'ahead of' : 'behind';
    add(
      'clock',
      Math.abs(skew) > MAX_SKEW_MS ? 'fail' : 'ok',
      `${host}'s clock is ${seconds} s ${side} this machine's`,
      Math.abs(skew) > MAX_SKEW_MS
        ? 'sync both clocks (w32tm /resync): Kerberos refuses more than 5 minutes'
        : null,
    );
  }
  return out;
}

/** The reach failure of a session that did not start, with what to do. */
function unreachable(target: WindowsTarget, host: string, error: DriverError): [string, string] {
  if (/^cannot run /.test(error.message))
    return [
      error.message,
      target.via === 'ssh'
        ? 'install the OpenSSH client on this machine'
        : 'run quiesce on Windows for via: cim (or use via: ssh from Linux)',
    ];
  return [
    error.message,
    target.via === 'ssh'
      ? `check that ${host} takes ssh with the pool's user, identityFile and knownHostsFile (docs/windows.md)`
      : `check WinRM to ${host}: Test-WSMan ${host} (docs/windows.md)`,
  ];
}

/** Every server's findings, one server after another. */
export async function windowsDoctor(
  target: WindowsTarget,
  { pool, now }: DoctorContext,
  options: WindowsDoctorOptions = {},
): Promise<Finding[]> {
  const out: Finding[] = [];
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (const { name: host } of pool.servers) {
    const add = (
      check: FindingCheck,
      level: FindingLevel,
      message: string,
      fix: string | null = null,
    ) => out.push(finding(pool.name, host, check, level, message, fix));
    if (target.via === 'sc') {
      const seen = await observeSc(
        { program: options.sc ?? 'sc.exe', timeoutMs },
        host,
        pool.services,
      );
      if (seen.isErr()) {
        add(
          'reach',
          'fail',
          seen.error.message,
          `check that ${host} answers sc.exe \\\\${host} query (RPC, administrators)`,
        );
        continue;
      }
      add('reach', 'ok', `reachable ${HOW.sc}`);
      for (const s of seen.value)
        add(
          'service',
          'ok',
          `${s.name}: ${s.status}, startup ${s.startType ?? 'unknown'}${s.canPause ? ', accepts pause' : ''}`,
        );
      add(
        'rights',
        'note',
        'not asked with via: sc (sc.exe cannot ask without changing); use via: cim to have them checked',
      );
      continue;
    }
    if (target.via === 'ssh') {
      const [level, message, fix] = await hostKey(target, host, options.sshKeygen ?? 'ssh-keygen');
      add('host-key', level, message, fix);
    }
    const sessions = readinessSessions(target, {
      ssh: options.ssh,
      powershell: options.powershell,
      timeoutMs,
      startTimeoutMs: timeoutMs,
    });
    const script = doctorScript(
      pool.services,
      countersFor(target.sessions, pool.services),
      target.via === 'cim' ? host : null,
    );
    const from = now();
    const answer = await sessions.run(host, script, 'doctor');
    const to = now();
    await sessions.close();
    if (answer.isErr()) {
      const [message, fix] = unreachable(target, host, answer.error);
      add('reach', 'fail', message, fix);
      continue;
    }
    const parsed = parseDoctor(answer.value);
    if (parsed === null) {
      add('reach', 'fail', `unexpected answer ${JSON.stringify(answer.value.slice(0, 120))}`, null);
      continue;
    }
    if (parsed.cimError === null) add('reach', 'ok', `reachable ${HOW[target.via]}`);
    out.push(...answerFindings(target, pool, host, parsed, { from, to }));
  }
  return out;
}
