import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fitLine, progressReporter } from '../../reconciler/cli/progress.ts';
import { fleetStatus } from '../../reconciler/status/index.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const NOW = 100_000;

function capture(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  const reporter = progressReporter({
    write: (text: string) => written.push(text),
    isTTY,
    columns,
  });
  return { written, reporter };
}

test('a server is never "drained" while one of its draining services still runs', () => {
  const p = pool('p', servers(2, [1]), { services: ['RTCSRV', 'RTCMEDSRV'] });
  const observed = observe([p], { s1: { status: 'Paused', startType: 'Manual', sessions: 0 } });
  const s1 = observed.get('p')!.get('s1')!;
  if (s1.ok) s1.services[1] = { ...s1.services[1]!, status: 'Running', startType: 'Automatic' };
  const { written, reporter } = capture(false);
  reporter.update(fleetStatus(desired(p), observed, NOW), NOW);
  assert.not.match(written.join(''), /s1: drained/);
  assert.match(written.join(''), /s1: RTCMEDSRV still Running/);
  if (s1.ok) s1.services[1] = { ...s1.services[1]!, status: 'Paused', startType: 'Manual' };
  reporter.update(fleetStatus(desired(p), observed, NOW), NOW);
  assert.match(written.join(''), /s1: drained\n$/);
});

test('progress names what it waits on: pending services with how long, unreachable servers', () => {
  const p = pool('p', servers(4, [3, 4]), {
    budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 4 } },
  });
  const observed = observe([p], {
    s3: 'unreachable',
    s4: { status: 'StopPending', startType: 'Manual', sessions: 0, since: NOW - 20_000 },
  });
  const { written, reporter } = capture(false);
  reporter.update(fleetStatus(desired(p), observed, NOW), NOW);
  assert.equal(written, ['s3: unreachable\n', 's4: RTCSRV StopPending for 20s\n']);
  // The duration alone changing is not news in a log.
  reporter.update(fleetStatus(desired(p), observed, NOW + 1000), NOW + 1000);
  assert.is(written.length, 2);
});

test('on a terminal the redrawn line never exceeds the terminal width', () => {
  const p = pool(
    'p',
    servers(
      30,
      Array.from({ length: 30 }, (_, i) => i + 1),
    ),
    {
      budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 30 } },
    },
  );
  const paused = { status: 'Paused', startType: 'Manual', sessions: 7 } as const;
  const observed = observe([p], Object.fromEntries(p.servers.map((s) => [s.name, paused])));
  const { written, reporter } = capture(true, 40);
  reporter.update(fleetStatus(desired(p), observed, NOW), NOW);
  assert.is(written.length, 1);
  const line = written[0]!.replace('\r\u001b[K', '');
  assert.ok([...line].length < 40, line);
  assert.ok(line.endsWith('…'));
  assert.is(fitLine('short', 40), 'short');
});

test('a round: a log line per phase change (a hook started is running, a server recorded is done); the terminal line shows what moves', () => {
  const server = (name: string, phase: string, text = phase) => ({
    name,
    phase,
    text,
    since: null,
    until: phase === 'settling' ? NOW + 20_000 : null,
    mode: null,
  });
  const view = (servers: ReturnType<typeof server>[], next: string[] = []) => [
    { pool: 'p', id: 'C1', state: 'running' as const, message: '', window: '', servers, next },
  ];
  const log = capture(false);
  const at = (rollouts: ReturnType<typeof view>) =>
    log.reporter.update([], NOW, { rollouts, now: NOW });
  at(
    view(
      [server('s1', 'draining', 'drained, hook next'), server('s2', 'pending')],
      ['run-hook s1'],
    ),
  );
  at(view([server('s1', 'hook-running', 'hook running 1s'), server('s2', 'pending')]));
  at(view([server('s1', 'returning'), server('s2', 'pending')], ['record-done s1']));
  at(view([server('s1', 'settling', 'settling until 12:03 UTC'), server('s2', 'pending')]));
  assert.equal(log.written, [
    'p: s1 hook running\n',
    'p: s1 done (1 of 2)\n',
    'p: settling until 12:03 UTC, in 20s\n',
  ]);
  const tty = capture(true);
  tty.reporter.update([], NOW, {
    rollouts: view([server('s1', 'returning'), server('s2', 'done')]),
    now: NOW,
  });
  assert.equal(tty.written, ['\r\u001b[Kp: s1 returning']);
});

test('a retry run does not print servers done before it (their "done (2 of 6)" is stale); news after', () => {
  const { written, reporter } = capture(false);
  const server = (name: string, phase: string) => ({
    name,
    phase,
    text: phase,
    since: null,
    until: null,
    mode: null,
  });
  const round = (phases: string[]) => ({
    pool: 'p',
    id: 'C1',
    state: 'running',
    done: 0,
    total: 3,
    window: 'always',
    servers: phases.map((phase, i) => server(`fe0${i + 1}`, phase)),
    next: [],
  });
  const update = (phases: string[]) =>
    reporter.update([], NOW, {
      // biome-ignore lint/suspicious/noExplicitAny: a RoundJson built by hand for the reporter
      rollouts: [round(phases) as any],
      now: NOW,
    });
  update(['done', 'done', 'draining']);
  assert.equal(written, ['p: fe03 draining\n']);
  update(['done', 'done', 'done']);
  assert.equal(written, ['p: fe03 draining\n', 'p: fe03 done (3 of 3)\n']);
});

test.run();
