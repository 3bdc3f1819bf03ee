// `quiesce doctor` for a windows target: per server, read-only checks over the driver's own transport, as findings.
import {
  type Finding,
  type FindingCheck,
  type FindingLevel,
  finding,
} from '../../doctor-finding.ts';
import type { DriverError } from '../../errors.ts';
import type { DoctorContext } from '../descriptor.ts';
import { answerFindings, HOW } from './doctor-findings.ts';
import { doctorScript, parseDoctor } from './doctor-script.ts';
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

/** How many servers are checked at once. */
export const DOCTOR_CONCURRENCY = 8;

/** Every server's findings, in the pool's order; DOCTOR_CONCURRENCY servers at a time. */
export async function windowsDoctor(
  target: WindowsTarget,
  context: DoctorContext,
  options: WindowsDoctorOptions = {},
): Promise<Finding[]> {
  const hosts = context.pool.servers.map((server) => server.name);
  const results: Finding[][] = hosts.map(() => []);
  let next = 0;
  const worker = async () => {
    while (next < hosts.length) {
      const i = next++;
      results[i] = await serverDoctor(target, context, options, hosts[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DOCTOR_CONCURRENCY, hosts.length) }, worker));
  return results.flat();
}

/** One server's findings. */
async function serverDoctor(
  target: WindowsTarget,
  { pool, now }: DoctorContext,
  options: WindowsDoctorOptions,
  host: string,
): Promise<Finding[]> {
  const out: Finding[] = [];
  const timeoutMs = options.timeoutMs ?? 60_000;
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
      return out;
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
    return out;
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
    return out;
  }
  const parsed = parseDoctor(answer.value);
  if (parsed === null) {
    add('reach', 'fail', `unexpected answer ${JSON.stringify(answer.value.slice(0, 120))}`, null);
    return out;
  }
  if (parsed.cimError === null) add('reach', 'ok', `reachable ${HOW[target.via]}`);
  out.push(...answerFindings(target, pool, host, parsed, { from, to }));
  return out;
}
