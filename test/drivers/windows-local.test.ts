// The cim path through the real pwsh and the PowerShell SCM double (one local session per server), and the sc
// path with a stand-in sc.exe. quiesce's side is real: bootstrap, frames, scripts, parsers, session handling.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createWindowsDriver,
  type WindowsOptions,
} from '../../reconciler/drivers/windows/index.ts';
import type { SessionCounters } from '../../reconciler/drivers/windows/target.ts';
import { error, value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import {
  ended,
  LYNC_SERVICES,
  POWERSHELL,
  requirePwsh,
  type ScmWorld,
  scmWorld,
} from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

const HOST = 'fe01.contoso.com';
const base = {
  user: null,
  port: null,
  identityFile: null,
  knownHostsFile: null,
  connectTimeoutMs: 5000,
};

function cim(world: ScmWorld, sessions: SessionCounters = {}, options: WindowsOptions = {}) {
  const scm = scmWorld({ computer: HOST, ...world });
  process.env.QUIESCE_SCM_WORLD = scm.path;
  const driver = createWindowsDriver(
    { driver: 'windows', via: 'cim', ...base, sessions },
    { powershell: POWERSHELL, timeoutMs: 20_000, ...options },
  );
  return { scm, driver };
}

test('cim, one PowerShell process for everything: steps, return codes, presets, adoption, noise, script errors', async () => {
  const warnings: string[] = [];
  const { scm, driver } = cim(
    {
      services: {
        ...LYNC_SERVICES(),
        RTCAVMCU: { State: 'Running', StartMode: 'Auto', AcceptPause: true },
      },
      counters: {
        '\\LS:SIP - Peers(Clients)\\SIP - Connections Active': [30, 7],
        '\\LS:AVMCU - Operations\\AVMCU - Number of Conferences': 1,
        '\\LS:ImMcu - IMMcu Conferences\\IMMCU - Active Conferences': 2,
        '\\LS:AsMcu - AsMcu Conferences\\ASMCU - Active Conferences': 0,
        '\\LS:MediationServer - Inbound Calls(_Total)\\- Current': 4,
        '\\LS:MediationServer - Outbound Calls(_Total)\\- Current': 3,
      },
    },
    'lync',
    { warn: (message) => warnings.push(message) },
  );
  const world = () => scm.read();
  try {
    // Every step, read back through the double. A Running service's counters are not read: its drain does not
    // depend on them.
    const [srv] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal(
      [srv!.status, srv!.startType, srv!.canPause, srv!.sessions],
      ['Running', 'Automatic', true, null],
    );
    assert.equal(scm.samples(), [], 'no Get-Counter for a Running service');
    value(await driver.run(HOST, 'RTCSRV', { action: 'set-startup-type', startType: 'Manual' }));
    value(await driver.run(HOST, 'RTCSRV', { action: 'pause' }));
    assert.equal(
      value(await driver.observe(HOST, ['RTCSRV', 'RTCMEDSRV'])).map((s) => [
        s.name,
        s.status,
        s.startType,
      ]),
      [
        ['RTCSRV', 'Paused', 'Manual'],
        ['RTCMEDSRV', 'Running', 'Automatic'],
      ],
    );
    value(await driver.run(HOST, 'RTCSRV', { action: 'resume' }));
    value(
      await driver.run(HOST, 'RTCSRV', {
        action: 'set-startup-type',
        startType: 'AutomaticDelayed',
      }),
    );
    const after = world().services.RTCSRV!;
    assert.equal([after.State, after.StartMode, after.DelayedAutoStart], ['Running', 'Auto', true]);
    assert.is(value(await driver.observe(HOST, ['RTCSRV']))[0]!.startType, 'AutomaticDelayed');
    value(await driver.run(HOST, 'RTCATS', { action: 'set-startup-type', startType: 'Disabled' }));
    assert.is(value(await driver.observe(HOST, ['RTCATS']))[0]!.startType, 'Disabled');

    // Presets: `lync` sums the Lync counters of the services that are draining, in one Get-Counter call; a missing
    // one is unknown sessions (never zero), and one warning. RTCSRV counts its conferences; its clients' SIP
    // connections are information (`clients`). The Lync double reports no ActivityLevel here: counters decide.
    scm.write({
      ...world(),
      services: {
        ...world().services,
        RTCSRV: { State: 'Paused', StartMode: 'Manual', AcceptPause: true },
        RTCMEDSRV: { State: 'Paused', StartMode: 'Manual', AcceptPause: true },
        RTCAVMCU: { State: 'Pause Pending', StartMode: 'Manual', AcceptPause: true },
      },
    });
    for (let round = 0; round < 2; round++) {
      const seen = value(await driver.observe(HOST, ['RTCSRV', 'RTCMEDSRV', 'RTCAVMCU', 'RTCATS']));
      assert.equal(
        seen.map((s) => [s.name, s.sessions, s.clients]),
        [
          ['RTCSRV', 3, 37],
          ['RTCMEDSRV', 7, undefined],
          ['RTCAVMCU', null, undefined],
          ['RTCATS', null, undefined],
        ],
      );
    }
    assert.equal(warnings.length, 1, 'once per server and counter, not every round');
    assert.match(
      warnings[0]!,
      /^fe01\.contoso\.com: RTCAVMCU: sessions cannot be read: \\LS:AVMCU - Operations\\AVMCU - Number of Users: The specified object was not found on the computer\./,
    );
    assert.equal(
      scm.samples().map((call) => call.split('|').length),
      [5, 8, 8],
      'one Get-Counter call per observe, for every path of the draining services (paused RTCSRV: 3 conference + 2 information; then RTCSRV 5, RTCMEDSRV 2, RTCAVMCU 1)',
    );
    value(await driver.observe(HOST, ['RTCSRV', 'RTCMEDSRV'], { sessions: false }));
    assert.is(scm.samples().length, 3, 'a read-back without sessions samples nothing');

    // Win32_Service return codes.
    scm.write({
      ...world(),
      services: {
        ...LYNC_SERVICES(),
        STOPPED: { State: 'Stopped', StartMode: 'Manual', AcceptPause: true },
        DISABLED: { State: 'Stopped', StartMode: 'Disabled', AcceptPause: true },
        PENDING: { State: 'Pause Pending', StartMode: 'Auto', AcceptPause: true },
        SLOW: { State: 'Running', StartMode: 'Auto', AcceptPause: true, Pending: true },
        LOCKED: { State: 'Running', StartMode: 'Auto', AcceptPause: true, AccessDenied: true },
      },
    });
    const outcome = async (service: string, action: 'pause' | 'resume' | 'start') => {
      const result = await driver.run(HOST, service, { action });
      return result.isOk() ? 'ok' : `${result.error.kind}: ${result.error.message}`;
    };
    assert.match(
      await outcome('RTCATS', 'pause'),
      /^CannotPause: pause RTCATS on fe01.contoso.com: .*\(1\)/,
    );
    assert.match(await outcome('LOCKED', 'pause'), /^AccessDenied: .*\(2\)/);
    assert.match(await outcome('PENDING', 'pause'), /^Busy: .*\(5\)/);
    assert.match(await outcome('STOPPED', 'pause'), /^NotActive: .*\(6\)/);
    assert.match(await outcome('DISABLED', 'start'), /^Unexpected: .*disabled \(14\)/);
    assert.match(await outcome('RTCXXX', 'pause'), /^NotFound: .*\(1060\)/);
    assert.is(await outcome('RTCSRV', 'start'), 'ok', 'already running (10) is done');
    assert.is(await outcome('STOPPED', 'start'), 'ok');
    assert.is(await outcome('SLOW', 'pause'), 'ok');
    assert.equal(
      value(await driver.observe(HOST, ['SLOW', 'PENDING'])).map((s) => s.status),
      ['Paused', 'PausePending'],
      'a control passes through its pending state, settled by the next read',
    );
    assert.is(error(await driver.observe(HOST, ['RTCSRV', 'RTCXXX'])).kind, 'NotFound');

    // A service paused by hand: since = the newest 7036 event whose binary data is <name>/7.
    scm.write({
      ...world(),
      services: {
        ...LYNC_SERVICES(),
        RTCSRV: { State: 'Paused', StartMode: 'Manual', AcceptPause: true },
        RTCMEDSRV: { State: 'Paused', StartMode: 'Manual', AcceptPause: true },
      },
      events: [
        { time: '2026-11-28T09:00:00.000Z', service: 'RTCSRV', state: 4 },
        { time: '2026-11-28T10:15:30.000Z', service: 'RTCSRV', state: 7 },
        { time: '2026-11-28T10:20:00.000Z', service: 'RTCSRVX', state: 7 },
        { time: '2026-11-28T11:00:00.000Z', service: 'RTCATS', state: 7 },
        { time: '2026-11-28T08:00:00.000Z', service: 'RTCSRV', state: 7 },
      ],
    });
    assert.equal(
      value(await driver.observe(HOST, ['RTCSRV', 'RTCMEDSRV', 'RTCATS'])).map((s) => [
        s.name,
        s.status,
        s.since === null ? null : new Date(s.since).toISOString(),
      ]),
      [
        ['RTCSRV', 'Paused', '2026-11-28T10:15:30.000Z'],
        ['RTCMEDSRV', 'Paused', null],
        ['RTCATS', 'Running', null],
      ],
    );

    // Warnings, progress and Write-Host on stdout are noise around the frames.
    scm.write({ ...world(), noise: true });
    assert.is(value(await driver.observe(HOST, ['RTCATS']))[0]!.status, 'Running');
    scm.write({ ...world(), noise: false });

    // A script error is a tagged error with a short excerpt, and the session lives on.
    scm.write({
      ...world(),
      fail: { category: 'PermissionDenied', message: `Access is denied. ${'x'.repeat(1000)}` },
    });
    const denied = error(await driver.observe(HOST, ['RTCSRV']));
    assert.is(denied.kind, 'AccessDenied');
    assert.match(
      denied.message,
      /^observe on fe01\.contoso\.com: script error: Access is denied\. x+…/,
    );
    assert.ok(denied.message.length < 320, denied.message);
    scm.write({ ...world(), fail: { category: 'InvalidOperation', message: 'Invalid class' } });
    assert.is(error(await driver.observe(HOST, ['RTCSRV'])).kind, 'Unexpected');
    scm.write({ ...world(), fail: null });
    value(await driver.observe(HOST, ['RTCSRV']));

    assert.is(scm.starts().length, 1, 'every call above went to one PowerShell process');
    const other = error(await driver.observe('fe02.contoso.com', ['RTCSRV']));
    assert.is(other.kind, 'Unreachable', 'a CIM connection error');
    assert.match(
      other.message,
      /observe on fe02\.contoso\.com: script error: WinRM cannot complete/,
    );
    assert.is(driver.sessionsStarted, 2, 'one session per server');
  } finally {
    await driver.close();
  }
  assert.ok(await ended(scm.starts()), 'close() ends every session');
});

test('a hung request is a Timeout and its session is replaced; an idle session is closed', async () => {
  const { scm, driver } = cim(
    { services: LYNC_SERVICES() },
    {},
    { timeoutMs: 6000, idleMs: 60_000 },
  );
  try {
    value(await driver.observe(HOST, ['RTCSRV']));
    scm.write({ ...scm.read(), hangMs: 60_000 });
    const started = Date.now();
    const hung = error(await driver.run(HOST, 'RTCSRV', { action: 'pause' }));
    assert.equal([hung.kind, hung.transient], ['Timeout', true]);
    assert.match(
      hung.message,
      /pause RTCSRV on fe01\.contoso\.com: no answer within 6000 ms; the session is replaced/,
    );
    assert.ok(Date.now() - started < 15_000);
    assert.ok(await ended(scm.starts()), 'the hung process was killed');
    scm.write({ ...scm.read(), hangMs: 0 });
    value(await driver.observe(HOST, ['RTCSRV']));
    assert.is(driver.sessionsStarted, 2);
  } finally {
    await driver.close();
  }
  const idle = cim({ services: LYNC_SERVICES() }, {}, { idleMs: 200 });
  try {
    value(await idle.driver.observe(HOST, ['RTCSRV']));
    assert.ok(await ended(idle.scm.starts()), 'closed after 200 ms idle');
  } finally {
    await idle.driver.close();
  }
});

test('a session that dies mid-request is started again once, then Unreachable; a truncated frame is Unexpected', async () => {
  const { scm, driver } = cim({ services: LYNC_SERVICES(), crash: 2 });
  try {
    const dead = error(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([dead.kind, dead.transient], ['Unreachable', true]);
    assert.match(dead.message, /fe01\.contoso\.com: the PowerShell session ended \(exit 3\)/);
    assert.is(driver.sessionsStarted, 2, 'reconnected once, then gave up');
    scm.write({ ...scm.read(), crash: 0, truncate: true });
    const cut = error(await driver.observe(HOST, ['RTCSRV']));
    assert.is(cut.kind, 'Unexpected');
    assert.match(
      cut.message,
      /the answer was cut off \(a truncated frame\): #QZ# 1 ok eyJ0cnVuY2F0ZWQi/,
    );
    scm.write({ ...scm.read(), truncate: false });
    value(await driver.observe(HOST, ['RTCSRV']));
    assert.is(driver.sessionsStarted, 4);
  } finally {
    await driver.close();
  }
});

test('one process per call (the benchmark baseline) ends each process, also after an error', async () => {
  const { scm, driver } = cim({ services: LYNC_SERVICES() }, {}, { perCall: true });
  value(await driver.observe(HOST, ['RTCSRV']));
  assert.is(error(await driver.run(HOST, 'RTCATS', { action: 'pause' })).kind, 'CannotPause');
  assert.is(driver.sessionsStarted, 2);
  assert.ok(await ended(scm.starts()), 'no process outlives its call');
  await driver.close();
});

test('Windows PowerShell 2.0 (no CIM cmdlets) is a clear error', async () => {
  const { driver } = cim({ services: LYNC_SERVICES(), psVersion: 2 });
  try {
    const e = error(await driver.observe(HOST, ['RTCSRV']));
    assert.is(e.kind, 'Unexpected');
    assert.match(
      e.message,
      /fe01\.contoso\.com needs Windows PowerShell 3\.0 or later .*without Get-CimInstance.*WMF 3\.0/,
    );
  } finally {
    await driver.close();
  }
});

test('delayed start: Windows keeps the flag apart from the start mode; every startup type is set and read back exactly', async () => {
  const { scm, driver } = cim({
    services: {
      // Automatic (Delayed Start), as Win32_Service reports it: StartMode Auto, DelayedAutoStart true.
      RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true, DelayedAutoStart: true },
    },
  });
  const startType = async () => value(await driver.observe(HOST, ['RTCSRV']))[0]!.startType;
  const set = async (to: 'Automatic' | 'AutomaticDelayed' | 'Manual' | 'Disabled') =>
    value(await driver.run(HOST, 'RTCSRV', { action: 'set-startup-type', startType: to }));
  try {
    assert.is(await startType(), 'AutomaticDelayed');
    await set('Manual');
    assert.is(await startType(), 'Manual');
    // A return to plain Automatic: Win32_Service.ChangeStartMode('Automatic') would leave the delayed flag and
    // read back as AutomaticDelayed; sc.exe config start= auto is Automatic.
    await set('Automatic');
    assert.is(await startType(), 'Automatic');
    assert.equal(scm.read().services.RTCSRV!.DelayedAutoStart, false);
    await set('Manual');
    await set('AutomaticDelayed');
    assert.is(await startType(), 'AutomaticDelayed');
    await set('Disabled');
    assert.is(await startType(), 'Disabled');
    await set('Automatic');
    assert.is(await startType(), 'Automatic');
    assert.match(
      error(await driver.run(HOST, 'RTCXXX', { action: 'set-startup-type', startType: 'Manual' }))
        .message,
      /not installed \(1060\)/,
    );
  } finally {
    await driver.close();
  }
});

test('RPC blocked, only WinRM open: via cim still reads counters and events (on the server, through remoting); via sc is Unreachable', async () => {
  const { scm, driver } = cim(
    {
      rpcBlocked: true,
      services: {
        ...LYNC_SERVICES(),
        RTCSRV: { State: 'Paused', StartMode: 'Manual', AcceptPause: true },
      },
      counters: {
        '\\LS:AVMCU - Operations\\AVMCU - Number of Conferences': [1, 2],
        '\\LS:ImMcu - IMMcu Conferences\\IMMCU - Active Conferences': 0,
        '\\LS:AsMcu - AsMcu Conferences\\ASMCU - Active Conferences': 0,
      },
      events: [{ time: '2026-11-28T10:15:30.000Z', service: 'RTCSRV', state: 7 }],
    },
    'lync',
  );
  try {
    const [srv] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal(
      [srv!.status, srv!.sessions, srv!.sessionsUnreadable, srv!.since],
      ['Paused', 3, undefined, Date.parse('2026-11-28T10:15:30.000Z')],
      'a drain that still has sessions is never seen as done',
    );
  } finally {
    await driver.close();
  }
  process.env.QUIESCE_FAKE_SCENARIO = scm.path;
  const sc = createWindowsDriver(
    { driver: 'windows', via: 'sc', ...base, sessions: {} },
    { sc: join(process.cwd(), 'test/fixtures/fake-sc.mjs') },
  );
  const blocked = error(await sc.observe(HOST, ['RTCSRV']));
  assert.equal([blocked.kind, blocked.transient], ['Unreachable', true]);
  assert.match(blocked.message, /\(1722\)/);
  await sc.close();
});

test('sc: query/qc parsed by numbers from German output; steps and FAILED codes', async () => {
  const scm = scmWorld({ services: LYNC_SERVICES() });
  process.env.QUIESCE_FAKE_SCENARIO = scm.path;
  const driver = createWindowsDriver(
    { driver: 'windows', via: 'sc', ...base, sessions: {} },
    { sc: join(process.cwd(), 'test/fixtures/fake-sc.mjs') },
  );
  const seen = value(await driver.observe('fe01', ['RTCSRV', 'RTCATS']));
  assert.equal(
    seen.map((s) => [s.name, s.status, s.startType, s.canPause, s.sessions]),
    [
      ['RTCSRV', 'Running', 'Automatic', true, null],
      ['RTCATS', 'Running', 'Automatic', false, null],
    ],
  );
  value(await driver.run('fe01', 'RTCSRV', { action: 'set-startup-type', startType: 'Manual' }));
  value(await driver.run('fe01', 'RTCSRV', { action: 'pause' }));
  const after = scm.read().services.RTCSRV!;
  assert.equal([after.State, after.StartMode], ['Paused', 'Manual']);
  assert.is(error(await driver.run('fe01', 'RTCATS', { action: 'pause' })).kind, 'CannotPause');
  assert.is(error(await driver.run('fe01', 'RTCXXX', { action: 'pause' })).kind, 'NotFound');
  assert.is(error(await driver.observe('fe01', ['RTCXXX'])).kind, 'NotFound');
  // Service names are case-insensitive on Windows (OpenService, learn.microsoft.com: "service name comparisons
  // are always case insensitive"): `rtcsrv` is RTCSRV, reported under the name asked.
  const lower = value(await driver.observe('fe01', ['rtcsrv', 'RtcAts']));
  assert.equal(
    lower.map((s) => [s.name, s.status, s.startType]),
    [
      ['rtcsrv', 'Paused', 'Manual'],
      ['RtcAts', 'Running', 'Automatic'],
    ],
  );
  value(await driver.run('fe01', 'rtcsrv', { action: 'resume' }));
  assert.is(scm.read().services.RTCSRV!.State, 'Running');
  for (const startType of ['AutomaticDelayed', 'Manual', 'Automatic'] as const) {
    value(await driver.run('fe01', 'RTCSRV', { action: 'set-startup-type', startType }));
    assert.is(value(await driver.observe('fe01', ['RTCSRV']))[0]!.startType, startType);
  }
  await driver.close();
});

test('a missing program is a clear error', async () => {
  const sc = createWindowsDriver(
    { driver: 'windows', via: 'sc', ...base, sessions: {} },
    { sc: '/nonexistent/sc.exe' },
  );
  assert.match(
    error(await sc.observe('fe01', ['RTCSRV'])).message,
    /cannot run \/nonexistent\/sc\.exe: ENOENT/,
  );
  const ps = createWindowsDriver(
    { driver: 'windows', via: 'cim', ...base, sessions: {} },
    { powershell: join(tempTree({}), 'powershell.exe') },
  );
  assert.match(
    error(await ps.observe('fe01', ['RTCSRV'])).message,
    /cannot run .*powershell\.exe: ENOENT/,
  );
  await ps.close();
});

test.run();
