// Maintenance rounds in real processes: a sampler proves the budget holds, kill -9 anywhere resumes,
// and watch starts a round by itself when its window opens.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allBack,
  hookLog,
  round,
  roundAudit,
  world,
} from '../helpers/builders/maintenance-pool.ts';
import { until } from '../helpers/harnesses/capture.ts';
import { exited, quiesce } from '../helpers/harnesses/child-cli.ts';

/** Servers out of rotation in the world file now: any service not Running. */
function outNow(state: string): string[] {
  try {
    return Object.entries(world(state))
      .filter(([, services]) => services.some((s) => s.status !== 'Running'))
      .map(([name]) => name);
  } catch {
    return []; // the file is being replaced: the next sample reads it
  }
}

/** Runs apply --wait to the end while sampling the world; returns the most servers seen out at once. */
async function rollSampled(
  r: ReturnType<typeof round>,
): Promise<{ code: number | null; most: number; output: string }> {
  const child = quiesce(
    ['apply', '--wait', '--timeout', '2m', '--state-dir', r.state, r.tree],
    r.env,
  );
  const done = exited(child);
  let most = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      most = Math.max(most, outNow(r.state).length);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const code = await done;
  sampling = false;
  await sampler;
  return { code, most, output: child.output() };
}

test('6 servers under maxUnavailable 1 and 2, 7 under quorum lync2013 with settle: the sampler never sees the budget exceeded', async () => {
  const cases = [
    { r: round({ servers: 6, budget: 'maxUnavailable: 1' }), limit: 1, settleMs: 0 },
    { r: round({ servers: 6, budget: 'maxUnavailable: 2' }), limit: 2, settleMs: 0 },
    {
      r: round({ servers: 7, budget: 'quorum: lync2013', settle: '1s' }),
      limit: 3,
      settleMs: 1000,
    },
  ];
  const results = await Promise.all(cases.map(({ r }) => rollSampled(r)));
  cases.forEach(({ r, limit, settleMs }, i) => {
    const { code, most, output } = results[i]!;
    assert.is(code, 0, output);
    assert.ok(most <= limit, `${most} servers out at once; the budget allows ${limit}`);
    assert.ok(most === limit, `the round used the budget (${most} of ${limit} at most)`);
    assert.ok(allBack(r.state));
    const audit = roundAudit(r.state) as unknown as {
      action: string;
      server: string;
      time: string;
    }[];
    const done = audit.filter((e) => e.action === 'record-done').map((e) => e.server);
    assert.equal([...done].sort(), r.servers, 'each server done once');
    // Settle: no drain starts sooner than `settle` after the latest return before it.
    for (const start of audit.filter((e) => e.action === 'start-drain')) {
      const before = audit.filter((e) => e.action === 'record-done' && e.time <= start.time).at(-1);
      if (before !== undefined)
        assert.ok(
          Date.parse(start.time) - Date.parse(before.time) >= settleMs,
          `${start.server} started during settle`,
        );
    }
  });
});

test('kill -9 during a hook, during a drain and during a return: the round completes, each server done once', async () => {
  const r = round({ servers: 3, hookMs: 500 });
  const env = { ...r.env, QUIESCE_SIM_SESSION_SECONDS: '0.3' };
  const run = () =>
    quiesce(['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree], env);
  const killWhen = async (check: () => boolean, what: string) => {
    const child = run();
    const done = exited(child);
    await until(() => check() || child.exitCode !== null, 45_000, what);
    child.kill('SIGKILL');
    await done;
  };
  const starts = (server: string) =>
    hookLog(r.log).filter(([w, s]) => w === 'start' && s === server).length;
  const ends = (server: string) =>
    hookLog(r.log).filter(([w, s]) => w === 'end' && s === server).length;
  await killWhen(() => starts('fe01.x') >= 1, 'the first hook');
  await killWhen(
    () => roundAudit(r.state).some((e) => e.action === 'start-drain' && e.server === 'fe02.x'),
    'the second drain',
  );
  await killWhen(() => ends('fe02.x') >= 1, 'the second hook to end');
  const last = run();
  assert.is(await exited(last), 0, last.output());
  assert.ok(allBack(r.state), JSON.stringify(world(r.state)));
  const done = roundAudit(r.state)
    .filter((e) => e.action === 'record-done')
    .map((e) => e.server);
  assert.equal(done, r.servers);
  // The hook killed with quiesce ran again (at least once); its orphan was stopped, not left to race.
  assert.ok(starts('fe01.x') >= 2, `fe01 hook starts: ${starts('fe01.x')}`);
  const folder = join(r.state, 'records', 'rollout');
  const records = readdirSync(folder).map(
    (file) => JSON.parse(readFileSync(join(folder, file), 'utf8')).value,
  );
  assert.is(records.length, r.servers.length);
  assert.ok(records.every((rec) => (rec as { hookPid: unknown }).hookPid === null));
});

test('watch starts the round by itself when its window opens, without a commit', async () => {
  const windows =
    '  windows:\n    - {kind: allow, schedule: "0 22 * * *", duration: 1h, timezone: UTC}\n';
  const r = round({ servers: 2, windows });
  // The watcher's clock reads 21:59:55 UTC as it is spawned: the window opens 5 s later, about 2 s after
  // a watcher on an idle machine has started and held the round.
  const opens = Date.parse('2026-11-24T22:00:00Z');
  const offset = String(opens - 5_000 - Date.now());
  const child = quiesce(['watch', '--interval', '1h', '--state-dir', r.state, r.tree], {
    ...r.env,
    QUIESCE_CLOCK_OFFSET_MS: offset,
  });
  const done = exited(child);
  const started = Date.now();
  try {
    await until(
      () => /waits for a maintenance window: opens Tue 22:00 UTC/.test(child.output()),
      45_000,
      'the held round',
    );
    assert.equal(roundAudit(r.state), [], 'nothing starts before the window opens');
    await until(
      () => roundAudit(r.state).some((e) => e.action === 'start-drain'),
      45_000,
      'the first drain',
    );
    // Audit times are the watcher's clock: the first drain started once the window was open, by itself.
    const first = roundAudit(r.state).find((e) => e.action === 'start-drain') as unknown as {
      time: string;
    };
    assert.ok(Date.parse(first.time) >= opens, `drain started at ${first.time}, before the window`);
    assert.ok(Date.now() - started >= 4_000, 'the drain waited for the window');
    await until(
      () => roundAudit(r.state).filter((e) => e.action === 'record-done').length === 2,
      60_000,
      'the round to finish',
    );
    assert.ok(allBack(r.state));
  } finally {
    child.kill('SIGTERM');
    await done;
  }
});

test.run();
