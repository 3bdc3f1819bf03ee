// Watchers on several machines, one PostgreSQL store: each pool owned once; a watcher killed with
// kill -9 loses its pools to the others within 15 s; watchers share the pools; status names the owners.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OWNER_NAMESPACE, poolKey } from '../../reconciler/state/postgres/keys.ts';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { value } from '../helpers/builders/result.ts';
import { notificationYaml, poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli, startCli, until } from '../helpers/harnesses/capture.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';

const POOLS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

test('three watchers, six pools: each pool owned once, 2 each; kill -9 of one → its pools taken over within 15 s', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const tree = tempTree(
    Object.fromEntries(
      POOLS.map((p, i) => [`${p}.yaml`, poolYaml(p, `s${i}a.x: active\n    s${i}b.x: active`)]),
    ),
  );
  const store = value(await openPostgresStore({ url }));
  const owners = async () => value(await store.owners());
  const until = async (check: () => Promise<boolean>, ms: number, what: string) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // The first watcher, a separate process (another machine): it takes all six pools.
  const doomed = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'reconciler/cli/bin.ts',
      'watch',
      tree,
      '--state-dir',
      tempTree(),
      '--state',
      url,
      '--interval',
      '1h',
    ],
    { stdio: 'ignore' },
  );
  await until(
    async () => (await owners()).length === 6,
    20_000,
    'the first watcher to own every pool',
  );
  const first = new Set((await owners()).map((o) => o.watcher.pid));
  assert.equal([...first], [doomed.pid]);
  const others = [1, 2].map(() =>
    startCli(['watch', tree, '--state-dir', tempTree(), '--state', url, '--interval', '1h']),
  );
  // Three watchers share six pools: the first lets go of all but its share (2) on its tick.
  await until(
    async () => (await owners()).filter((o) => o.watcher.pid === doomed.pid).length === 2,
    20_000,
    'the first watcher to keep its share of 2 pools',
  );
  const status = await runCli(['status', tree, '--state-dir', tempTree(), '--state', url]);
  assert.match(
    status.stdout,
    new RegExp(`Watchers:\\n {2}p1 {2}watch on \\S+ \\(pid ${doomed.pid}\\) since `),
  );
  doomed.kill('SIGKILL');
  const killed = Date.now();
  await until(
    async () => {
      const now = await owners();
      return now.length === 6 && now.every((o) => o.watcher.pid === process.pid);
    },
    15_000,
    'the pools of the killed watcher to be taken over',
  );
  assert.ok(Date.now() - killed < 15_000);
  const ids = (await owners()).map((o) => o.watcher.id);
  assert.equal(
    (await owners()).map((o) => o.pool),
    POOLS,
    'each pool owned exactly once',
  );
  assert.ok(new Set(ids).size >= 1 && new Set(ids).size <= 2);
  for (const watcher of others) assert.is(await watcher.stop(), 0);
  assert.equal(await owners(), [], 'a stopped watcher lets go of its pools');
  await store.close();
});

test('a watcher holds the pool lock of the pools it owns: apply names the watcher', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const tree = tempTree({ 'p.yaml': poolYaml('p') });
  const watcher = startCli([
    'watch',
    tree,
    '--state-dir',
    tempTree(),
    '--state',
    url,
    '--interval',
    '1h',
  ]);
  const store = value(await openPostgresStore({ url }));
  const deadline = Date.now() + 15_000;
  while (value(await store.lockHolders()).length === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const out = await runCli(['apply', tree, '--state-dir', tempTree(), '--state', url]);
  assert.is(out.code, 1, out.stdout + out.stderr);
  assert.match(out.stderr, /^quiesce apply: pool p is locked by watch on \S+ \(pid \d+\) since /);
  assert.is(await watcher.stop(), 0);
  assert.equal(value(await store.lockHolders()), [], 'a stopped watcher releases its pool locks');
  await store.close();
});

test("the watcher's ownership session ended mid-round: no step on that pool after it", async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const servers = ['fe01.x', 'fe02.x', 'fe03.x', 'fe04.x'];
  const tree = tempTree({
    'p.yaml': poolYaml(
      'p',
      servers.map((s) => `${s}: draining`).join('\n    '),
      '  budget: {maxUnavailable: 4}\n',
    ),
  });
  // Every driver call takes 100 ms: the round's 8 steps (one at a time) take well over a second.
  const service = { status: 'Running', startType: 'Automatic', canPause: true, sessions: 0 };
  const server = { fault: null, latencyMs: 100, services: { RTCSRV: service, RTCMEDSRV: service } };
  const state = tempTree({
    'simulated/p.json': JSON.stringify({
      servers: Object.fromEntries(servers.map((s) => [s, server])),
    }),
  });
  const watcher = startCli(
    ['watch', tree, '--state-dir', state, '--state', url, '--interval', '1h', '--concurrency', '1'],
    { QUIESCE_SIM_SESSION_SECONDS: '0.05' },
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const steps = async (): Promise<number> =>
    client.query('select count(*)::int as n from quiesce_audit').then(
      (r) => r.rows[0].n,
      () => 0, // the schema may not exist yet
    );
  const deadline = Date.now() + 15_000;
  while ((await steps()) < 1 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const ended = await client.query(
    `select pg_terminate_backend(pid) as ended from pg_locks where locktype = 'advisory'
       and classid = $1 and objid = $2 and objsubid = 2`,
    [OWNER_NAMESPACE, poolKey('p')],
  );
  const before = await steps();
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // the rest of the round would be done by now
  const after = await steps();
  await client.end();
  assert.is(await watcher.stop(), 0, watcher.output());
  assert.equal(ended.rows, [{ ended: true }]);
  assert.ok(before >= 1 && before < 8, `terminated mid-round (${before} of 8 steps had run)`);
  assert.ok(after <= before + 1, `at most the step in flight finished (${before} → ${after})`);
});

test('with --state postgres://… watch keeps nothing in the state dir: no <state-dir>/lock, no notifications.json; two watchers may share one', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const tree = tempTree({
    'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: draining'),
    'n.yaml': notificationYaml('ops', ['Blocked'], 'generic', 'OPS_HOOK'),
  });
  const state = tempTree();
  const argv = ['watch', tree, '--state-dir', state, '--state', url, '--interval', '1h'];
  const env = { OPS_HOOK: 'http://127.0.0.1:9/unused' };
  const first = startCli(argv, env);
  const second = startCli(argv, env);
  await until(() => /mode apply/.test(second.output()), 15_000, 'the second watcher');
  // One of them owns pool p (whichever claimed it first) and reconciles it.
  await until(
    () => /blocked/.test(first.output() + second.output()),
    15_000,
    "the owner's reconcile",
  );
  assert.not.match(second.output(), /another watch holds/);
  assert.is(await second.stop(), 0, second.output());
  assert.is(await first.stop(), 0, first.output());
  assert.not.ok(existsSync(join(state, 'lock')), 'no folder lock');
  assert.not.ok(existsSync(join(state, 'notifications.json')), 'the memory is in PostgreSQL');
  const store = value(await openPostgresStore({ url }));
  assert.ok(value(await store.readStatus()) !== null, 'status in PostgreSQL');
  assert.ok(
    value(await store.readNotified())?.sent.some((key) => key.includes('|Blocked|')),
    'the memory of the Blocked sent is in PostgreSQL',
  );
  await store.close();
});

test.run();
