// The CLI on a PostgreSQL store: apply, history, the pool lock and its holder, unlock, plan --from-store,
// a lock session ended mid-apply, and the password never printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolKey } from '../../reconciler/state/postgres/keys.ts';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { value } from '../helpers/builders/result.ts';
import { runningService } from '../helpers/builders/simulated-world.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { PG_PASSWORD, postgresCluster } from '../helpers/harnesses/postgres.ts';
import { actor } from '../state/contract.ts';

const fast = { QUIESCE_SIM_SESSION_SECONDS: '0.05' };
const desired = () =>
  tempTree({
    'p.yaml': poolYaml(
      'p',
      'fe01.x: draining\n    fe02.x: active',
      '  budget: {maxUnavailable: 1}\n',
    ),
  });
/** A simulated fleet whose every call takes `latencyMs`. */
const stateDir = (latencyMs = 0) => {
  const service = runningService();
  const server = { fault: null, latencyMs, services: { RTCSRV: service, RTCMEDSRV: service } };
  return tempTree({
    'simulated/p.json': JSON.stringify({ servers: { 'fe01.x': server, 'fe02.x': server } }),
  });
};

test('apply with --state records the audit in PostgreSQL; history filters it; plan --from-store reads it', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const tree = desired();
  const out = await runCli(['apply', tree, '--state-dir', stateDir(), '--state', url], fast);
  assert.is(out.code, 0, out.stdout + out.stderr);
  const all = await runCli(['history', '--output', 'json'], { QUIESCE_STATE: url });
  assert.is(all.code, 0, all.stderr);
  const records = JSON.parse(all.stdout).records;
  assert.equal(
    records.map((r: { server: string; action: string }) => `${r.server} ${r.action}`).sort(),
    ['fe01.x pause', 'fe01.x pause', 'fe01.x set-startup-type', 'fe01.x set-startup-type'],
  );
  const text = await runCli([
    'history',
    '--pool',
    'p',
    '--server',
    'fe01.x',
    '--since',
    '1h',
    '--state',
    url,
  ]);
  assert.match(
    text.stdout,
    /fe01\.x {2}RTCSRV {2}pause Running\/Manual → Paused\/Manual {2}ok in \d+ms {2}sha256:\w{12} {2}out \d+m?s so far/,
  );
  const none = await runCli(['history', '--server', 'fe02.x', '--state', url]);
  assert.is(none.stdout, 'No audit records match.\n');
  // A pull-request runner: another state dir, no fleet to talk to; plans from the store.
  const planned = await runCli([
    'plan',
    tree,
    '--from-store',
    '--state-dir',
    tempTree(),
    '--state',
    url,
  ]);
  assert.is(planned.code, 0, planned.stdout + planned.stderr);
  assert.match(
    planned.stdout,
    /^Observations from the state store:\n {2}p: observed \S+ \(\d+\w* ago\) by apply on \S+ \(pid \d+\)\n/,
  );
  assert.match(planned.stdout, /0 to change/);
  const store = value(await openPostgresStore({ url }));
  assert.equal(
    value(await store.drains('p')).map((d) => [d.server, d.service, d.source]),
    [
      ['fe01.x', 'RTCMEDSRV', 'paused'],
      ['fe01.x', 'RTCSRV', 'paused'],
    ],
  );
  await store.close();
});

test('a held pool lock: apply names the holder and exits 1; --lock-timeout waits; unlock --force frees it', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const store = value(await openPostgresStore({ url }));
  const held = value(
    await store.acquireLock({
      pool: 'p',
      actor: actor('runner-9'),
      revision: 'main@sha1:feed',
      timeoutMs: 0,
    }),
  );
  const refused = await runCli(
    ['apply', desired(), '--state-dir', stateDir(), '--state', url],
    fast,
  );
  assert.is(refused.code, 1);
  assert.is(
    refused.stderr,
    `quiesce apply: pool p is locked by apply on runner-9 (pid 4242), job https://ci.example.com/jobs/runner-9 since ${held.holder.since}, revision main@sha1:feed (lock id ${held.holder.id}); wait for it (--lock-timeout), or if that run is gone for good: quiesce unlock p --force --id ${held.holder.id}\n`,
  );
  setTimeout(() => void held.release(), 300);
  const waited = await runCli(
    ['apply', desired(), '--state-dir', stateDir(), '--state', url, '--lock-timeout', '20s'],
    fast,
  );
  assert.is(waited.code, 0, waited.stderr);

  const stuck = value(
    await store.acquireLock({ pool: 'p', actor: actor('runner-8'), revision: null, timeoutMs: 0 }),
  );
  const wrong = await runCli(['unlock', 'p', '--force', '--id', 'nope', '--state', url]);
  assert.is(wrong.code, 1);
  assert.match(wrong.stderr, /^quiesce unlock: pool p has no lock with id nope/);
  assert.is(
    (await runCli(['unlock', 'p', '--id', stuck.holder.id, '--state', url])).code,
    64,
    '--force required',
  );
  const freed = await runCli(['unlock', 'p', '--force', '--id', stuck.holder.id, '--state', url]);
  assert.is(freed.code, 0, freed.stderr);
  assert.match(freed.stdout, /^released the lock of pool p held by apply on runner-8/);
  assert.not.ok(await stuck.alive());
  const audit = await runCli(['history', '--pool', 'p', '--state', url]);
  assert.match(
    audit.stdout,
    new RegExp(`force-unlock {2}lock ${stuck.holder.id} of apply on runner-8`),
  );
  await store.close();
});

test('the lock session ended mid-apply: apply stops before its next step and exits 1', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const tree = tempTree({
    'p.yaml': poolYaml(
      'p',
      'fe01.x: draining\n    fe02.x: draining',
      '  budget: {maxUnavailable: 2}\n',
    ),
  });
  const running = runCli(
    ['apply', tree, '--state-dir', stateDir(150), '--state', url, '--concurrency', '1'],
    fast,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (let i = 0; i < 200; i++) {
    const rows = await client.query('select count(*)::int as n from quiesce_audit').then(
      (r) => r.rows,
      () => [{ n: 0 }],
    ); // the schema may not exist yet
    if (rows[0].n >= 1) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await client.query(
    `select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = $1`,
    [poolKey('p')],
  );
  const out = await running;
  const steps = (await client.query('select count(*)::int as n from quiesce_audit')).rows[0].n;
  await client.end();
  assert.is(out.code, 1, out.stdout + out.stderr);
  assert.match(
    out.stderr,
    /^quiesce apply: lost the lock for pool p; stopped before its next step\n$/,
  );
  assert.ok(steps < 8, `stopped early (${steps} of 8 steps ran)`);
});

test('the database stopped mid-apply: one line, exit 1, no further step', async () => {
  const cluster = await postgresCluster();
  const url = await cluster.freshDatabase();
  const tree = tempTree({
    'p.yaml': poolYaml(
      'p',
      'fe01.x: draining\n    fe02.x: draining',
      '  budget: {maxUnavailable: 2}\n',
    ),
  });
  const state = stateDir(150);
  const running = runCli(
    ['apply', tree, '--state-dir', state, '--state', url, '--concurrency', '1'],
    fast,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (let i = 0; i < 200; i++) {
    const rows = await client.query('select count(*)::int as n from quiesce_audit').then(
      (r) => r.rows,
      () => [{ n: 0 }],
    );
    if (rows[0].n >= 1) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await client.end();
  await cluster.stop();
  try {
    const out = await running;
    assert.is(out.code, 1, out.stdout + out.stderr);
    assert.match(
      out.stderr,
      /^quiesce apply: (lost the lock for pool p|cannot reach PostgreSQL at postgres:\/\/quiesce@127\.0\.0\.1:\d+\/\w+: ).*\n$/,
    );
    assert.not.match(out.stderr, /\n {4}at /, 'no stack trace');
    const fleet = JSON.parse(readFileSync(join(state, 'simulated', 'p.json'), 'utf8'));
    const paused = Object.values(fleet.servers)
      .flatMap((s) =>
        Object.values((s as { services: Record<string, { status: string }> }).services),
      )
      .filter((v) => v.status !== 'Running').length;
    assert.ok(paused < 4, `stopped early (${paused} of 4 services paused)`);
  } finally {
    await cluster.start();
  }
});

test('bad URL, wrong password, stopped server: one line, exit 1, never the password', async () => {
  const cluster = await postgresCluster();
  const cases = [
    [`postgres://quiesce:${PG_PASSWORD}@[bad`, /is not a PostgreSQL URL/],
    [cluster.urlFor('postgres', `${PG_PASSWORD}-wrong`), /refused the credentials/],
    [
      `postgres://quiesce:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:1/q`,
      /cannot reach PostgreSQL at postgres:\/\/quiesce@127\.0\.0\.1:1\/q/,
    ],
  ] as const;
  for (const [url, message] of cases) {
    for (const argv of [
      ['apply', desired(), '--state-dir', stateDir()],
      ['history'],
      ['plan', desired(), '--from-store'],
    ]) {
      const out = await runCli([...argv, '--state', url]);
      assert.is(out.code, 1, `${argv[0]}: ${out.stderr}`);
      assert.match(out.stderr, message);
      assert.is(out.stderr.split('\n').length, 2, `one line: ${out.stderr}`);
      for (const text of [out.stdout, out.stderr]) {
        assert.not.ok(text.includes(PG_PASSWORD), text);
        assert.not.ok(text.includes(encodeURIComponent(PG_PASSWORD)), text);
      }
    }
  }
});

test('without --state, history and unlock work on the folder store', async () => {
  const state = stateDir();
  assert.is((await runCli(['apply', desired(), '--state-dir', state], fast)).code, 0);
  const out = await runCli(['history', '--state-dir', state, '--server', 'fe01.x']);
  const lines = out.stdout.trim().split('\n');
  // One line per record under one line for the run (revision and operator).
  assert.is(lines.filter((line) => !line.startsWith('── ')).length, 4);
  assert.match(lines[0] ?? '', /^── revision sha256:\w{12} — run by /);
  const wrong = await runCli(['unlock', 'p', '--force', '--id', 'x', '--state-dir', join(state)]);
  assert.is(wrong.code, 1);
});

test.run();
