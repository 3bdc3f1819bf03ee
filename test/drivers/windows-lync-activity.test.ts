// Drain completion on a Front End: what ends by itself (ActivityLevel where the Lync module is present, else
// conference counters) decides; signed-in clients' SIP connections are information. Through the real pwsh and the
// SCM and Lync module doubles (Get-CsWindowsService.ps1), and the parse on its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createWindowsDriver,
  parseActivityLevel,
  parseObserve,
} from '../../reconciler/drivers/windows/index.ts';
import { serviceHealth } from '../../reconciler/plan/health.ts';
import { value } from '../helpers/builders/result.ts';
import {
  POWERSHELL,
  requirePwsh,
  type ScmWorld,
  scmWorld,
} from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

const HOST = 'fe01.contoso.com';
const SIP = '\\LS:SIP - Peers(Clients)\\SIP - Connections Active';
const REGISTERED = '\\LS:USrv - Endpoint Cache\\USrv - Active Registered Endpoints';
const AV = '\\LS:AVMCU - Operations\\AVMCU - Number of Conferences';
const IM = '\\LS:ImMcu - IMMcu Conferences\\IMMCU - Active Conferences';
const AS = '\\LS:AsMcu - AsMcu Conferences\\ASMCU - Active Conferences';

/** A Front End paused for maintenance: 250 signed-in clients keep their SIP connections; `conferences` left. */
const frontEnd = (
  conferences: [number, number, number],
  extra: Partial<ScmWorld> = {},
): ScmWorld => ({
  computer: HOST,
  services: { RTCSRV: { State: 'Paused', StartMode: 'Manual', AcceptPause: true } },
  counters: {
    [SIP]: [200, 50],
    [REGISTERED]: 240,
    [AV]: conferences[0],
    [IM]: conferences[1],
    [AS]: conferences[2],
  },
  ...extra,
});

function open(world: ScmWorld) {
  const scm = scmWorld(world);
  process.env.QUIESCE_SCM_WORLD = scm.path;
  const driver = createWindowsDriver(
    {
      driver: 'windows',
      via: 'cim',
      user: null,
      port: null,
      identityFile: null,
      knownHostsFile: null,
      connectTimeoutMs: 5000,
      sessions: 'lync',
    },
    { powershell: POWERSHELL, timeoutMs: 20_000 },
  );
  return { scm, driver };
}

const NOW = Date.parse('2026-12-06T10:00:00Z');

test('a Front End with signed-in clients and no conference in progress is Drained; its clients are information', async () => {
  const { scm, driver } = open(frontEnd([0, 0, 0]));
  try {
    const [srv] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal(
      [srv!.status, srv!.sessions, srv!.clients, srv!.registered, srv!.sessionsUnreadable],
      ['Paused', 0, 250, 240, undefined],
    );
    assert.is(serviceHealth('draining', srv!, 3_600_000, NOW), 'Drained');
    assert.equal(
      scm.activityAsks(),
      ['*'],
      'Lync module present: ActivityLevel asked, once for all',
    );
    assert.equal(
      scm.samples().length,
      1,
      'conference and information counters in one Get-Counter call',
    );

    // Conferences still in progress: Draining, whatever the clients do.
    scm.write(frontEnd([1, 2, 0]));
    const [busy] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([busy!.sessions, busy!.clients], [3, 250]);
    assert.is(serviceHealth('draining', busy!, 3_600_000, NOW), 'Draining');
  } finally {
    await driver.close();
  }
});

test('ActivityLevel decides where it is a number (its documented shape); otherwise the counters do', async () => {
  // Lync says 0 while the counters still show a conference: Lync's own count decides.
  const { scm, driver } = open(frontEnd([1, 0, 0], { activity: { RTCSRV: '0' } }));
  try {
    const [quiet] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([quiet!.sessions, quiet!.clients], [0, 250]);
    scm.write(frontEnd([0, 0, 0], { activity: { RTCSRV: '4' } }));
    assert.is(value(await driver.observe(HOST, ['RTCSRV']))[0]!.sessions, 4);
    // Not the documented shape: never taken as zero, the counters decide.
    scm.write(frontEnd([0, 2, 0], { activity: { RTCSRV: 'Concurrent Calls=0' } }));
    assert.is(value(await driver.observe(HOST, ['RTCSRV']))[0]!.sessions, 2);
    // The cmdlet fails (no Performance Monitor Users rights): the counters decide.
    scm.write(frontEnd([0, 0, 1], { activityFail: 'Access is denied.' }));
    assert.is(value(await driver.observe(HOST, ['RTCSRV']))[0]!.sessions, 1);
    // A counter fallback that cannot be read stays unknown, never zero.
    scm.write({ ...frontEnd([0, 0, 0]), counters: { [SIP]: 9 } });
    const [unreadable] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([unreadable!.sessions, unreadable!.clients], [null, 9]);
    assert.match(unreadable!.sessionsUnreadable ?? '', /AVMCU - Number of Conferences/);
    assert.is(serviceHealth('draining', unreadable!, 3_600_000, NOW), 'Draining');
  } finally {
    await driver.close();
  }
});

test('one Get-CsWindowsService call per observe, for every draining service; names matched as Windows does', async () => {
  const paused = { State: 'Paused', StartMode: 'Manual', AcceptPause: true };
  const { scm, driver } = open(
    frontEnd([1, 1, 1], {
      services: { RTCSRV: paused, RTCMEDSRV: paused, RTCCAA: paused },
      activity: { RTCSRV: '0', RTCMEDSRV: '2', RTCCAA: '5' },
    }),
  );
  try {
    const seen = value(await driver.observe(HOST, ['rtcsrv', 'RTCMEDSRV', 'RTCCAA']));
    // RTCCAA has no counter (its concurrent calls are Microsoft's example of an activity level): Lync counts it.
    assert.equal(
      seen.map((s) => [s.name, s.sessions]),
      [
        ['rtcsrv', 0],
        ['RTCMEDSRV', 2],
        ['RTCCAA', 5],
      ],
    );
    assert.equal(scm.activityAsks(), ['*']);
  } finally {
    await driver.close();
  }
});

test('a service Get-CsWindowsService does not answer for (not a Lync service) keeps its counters or stays unknown', async () => {
  const paused = { State: 'Paused', StartMode: 'Manual', AcceptPause: true };
  const { driver } = open(
    frontEnd([0, 0, 0], {
      services: { RTCSRV: paused, Spooler: paused },
      activity: { Spooler: '9' },
    }),
  );
  try {
    const seen = value(await driver.observe(HOST, ['RTCSRV', 'Spooler']));
    assert.equal(
      seen.map((s) => [s.name, s.sessions]),
      [
        ['RTCSRV', 0],
        ['Spooler', null],
      ],
    );
  } finally {
    await driver.close();
  }
});

test('without the Lync module, Get-CsWindowsService is not there: conference counters decide', async () => {
  const { scm, driver } = open(frontEnd([0, 0, 0], { lync: false, activity: { RTCSRV: '7' } }));
  try {
    const [srv] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([srv!.sessions, srv!.clients], [0, 250]);
    assert.equal(scm.activityAsks(), []);
  } finally {
    await driver.close();
  }
});

test('a Running service: neither ActivityLevel nor counters are read', async () => {
  const { scm, driver } = open({
    ...frontEnd([0, 0, 0]),
    services: { RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true } },
  });
  try {
    const [srv] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([srv!.sessions, srv!.clients], [null, undefined]);
    assert.equal([scm.activityAsks(), scm.samples()], [[], []]);
  } finally {
    await driver.close();
  }
});

test('parse: ActivityLevel in its documented shape, a whole number; anything else is no count', () => {
  assert.equal(parseActivityLevel('0'), { count: 0 });
  assert.equal(parseActivityLevel(' 12 '), { count: 12 });
  for (const text of ['', '  ', '-1', '1.5', 'Concurrent Calls=3', '3 calls', '1,024'])
    assert.ok('unknown' in parseActivityLevel(text), text);
  // The observe answer: `A` is the ActivityLevel, `I` information; strict about both.
  const answer = (lines: string) => `QZ1\nS\t0\tPaused\tManual\t0\t1\n${lines}\nEND`;
  const [srv] = value(
    parseObserve(answer('A\t0\t2\nN\t0\t5\nI\t0\tclients\t250\nI\t0\tregistered\t240'), ['RTCSRV']),
  ).services;
  assert.equal([srv!.sessions, srv!.clients, srv!.registered], [2, 250, 240]);
  const [fallback] = value(parseObserve(answer('A\t0\t\nU\t0\tX: gone'), ['RTCSRV'])).services;
  assert.equal([fallback!.sessions, fallback!.sessionsUnreadable], [null, 'X: gone']);
  for (const bad of [
    'I\t0\tusers\t3',
    'I\t0\tclients\tmany',
    'A\t0\t1\nA\t0\t2',
    'I\t0\tclients\t1\nI\t0\tclients\t2',
  ])
    assert.ok(parseObserve(answer(bad), ['RTCSRV']).isErr(), bad);
});

test.run();
