// The doctor's findings from one server's answer (services, counters, PowerShell, Lync module, rights, clock); pure.
import {
  type Finding,
  type FindingCheck,
  type FindingLevel,
  finding,
} from '../../doctor-finding.ts';
import type { PoolSpec } from '../../model.ts';
import type { DoctorAnswer } from './doctor-script.ts';
import type { WindowsTarget } from './target.ts';

/** Kerberos refuses tickets past this skew by default ("Maximum tolerance for computer clock synchronization"). */
export const MAX_SKEW_MS = 5 * 60_000;

/** How `via` reaches a server, for messages. */
export const HOW: Record<WindowsTarget['via'], string> = {
  ssh: 'over ssh (OpenSSH, powershell.exe there)',
  cim: 'through WinRM (PowerShell remoting from the local powershell.exe)',
  sc: 'through sc.exe (the Service Control Manager over RPC)',
};

/** Whether the pool asks the Lync module for something (the lync2013-readiness gate, a drain.method's cmdlets). */
export const needsLync = (pool: PoolSpec): boolean => lyncUsers(pool).length > 0;

/** What in the pool asks the Lync module for something, in words. */
function lyncUsers(pool: PoolSpec): string[] {
  const users: string[] = [];
  if ((pool.maintenance?.gates ?? []).some((gate) => gate.kind === 'lync2013-readiness'))
    users.push('the lync2013-readiness gate');
  const method = pool.drain.method ?? 'pause';
  if (method !== 'pause') users.push(`drain.method ${method}`);
  return users;
}

/** The findings of one server's answer. */
export function answerFindings(
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
        ? `check that this account is an administrator of ${host}`
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
    // Only a pool drained by pause needs pause (drain.method graceful-stop and failover stop the service).
    const byPause = (pool.drain.method ?? 'pause') === 'pause';
    const level: FindingLevel = !s.acceptPause && s.state === 'Running' && byPause ? 'fail' : 'ok';
    add(
      'service',
      level,
      `${s.asked}${spelt}: ${s.state}, startup ${s.startMode}, ${pauses}`,
      level === 'fail'
        ? `this pool drains by pausing: use drain.method: graceful-stop (Stop-CsWindowsService -Graceful), or remove ${s.asked} from spec.services`
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
  const users = lyncUsers(pool);
  const instead = [
    users.includes('the lync2013-readiness gate') ? 'use a command gate' : null,
    (pool.drain.method ?? 'pause') === 'pause' ? null : 'use drain.method: pause',
  ].filter((x) => x !== null);
  if (server.lync) add('lync', 'ok', 'the Lync Server module is present');
  else if (users.length === 0)
    add('lync', 'note', 'no Lync Server module (Get-CsPoolUpgradeReadinessState)');
  else
    add(
      'lync',
      'fail',
      `no Lync Server module (Get-CsPoolUpgradeReadinessState): ${users.join(' and ')} need${users.length === 1 ? 's' : ''} it`,
      `install the Lync Server Management Shell on ${host}, or ${instead.join(' and ')}`,
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
