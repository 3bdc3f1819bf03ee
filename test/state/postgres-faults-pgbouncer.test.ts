// Through Debian's PgBouncer: in pool_mode = session the store passes its contract and apply works; in
// pool_mode = transaction apply is refused before any step, with a message naming the mode that works
// (session advisory locks need a session: golang-migrate#1001).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { value } from '../helpers/builders/result.ts';
import { runningServer, writeWorld } from '../helpers/builders/simulated-world.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { type Bouncer, startPgBouncer } from '../helpers/harnesses/pgbouncer.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';
import { contractSuite } from './contract.ts';

const SERVERS = ['fe01.x', 'fe02.x', 'fe03.x', 'fe04.x'];
const databaseOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** A pool of four (two draining) and its world; `apply` through `bouncer`. */
async function applyThrough(bouncer: Bouncer) {
  const url = bouncer.url(databaseOf(await (await postgresCluster()).freshDatabase()));
  const desired = tempTree({
    'p.yaml': poolYaml(
      'p',
      SERVERS.map((s, i) => `${s}: ${i % 2 === 0 ? 'draining' : 'active'}`).join('\n    '),
      '  budget: {maxUnavailable: 2}\n',
    ),
  });
  const state = tempTree();
  writeWorld(state, 'p', {
    servers: Object.fromEntries(SERVERS.map((s) => [s, runningServer(['RTCSRV', 'RTCMEDSRV'])])),
  });
  const run = await runCli(['apply', desired, '--state-dir', state, '--state', url], {
    QUIESCE_SIM_SESSION_SECONDS: '100000',
  });
  return { url, state, run };
}

const stepsIn = async (url: string) => {
  const store = value(await openPostgresStore({ url }));
  const rows = value(await store.queryAudit({}));
  await store.close();
  return rows;
};

test('PgBouncer in pool_mode = session: apply takes its lock, steps and audits', async () => {
  const bouncer = await startPgBouncer(await postgresCluster(), 'session');
  try {
    const { url, run } = await applyThrough(bouncer);
    assert.is(run.code, 0, run.stdout + run.stderr);
    assert.is((await stepsIn(url)).length, 8, 'two steps for each service of two draining servers');
  } finally {
    await bouncer.stop();
  }
});

test('PgBouncer in pool_mode = transaction: apply is refused with exit 1 and the mode that works; nothing stepped', async () => {
  const cluster = await postgresCluster();
  const bouncer = await startPgBouncer(cluster, 'transaction');
  try {
    const { url, state, run } = await applyThrough(bouncer);
    assert.is(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      /^quiesce apply: PostgreSQL at postgres:\/\/quiesce@127\.0\.0\.1:\d+\/t\d+_\d+ is reached through a connection pooler in transaction or statement pooling mode \(one connection's statements ran on server sessions \d+ and \d+\); pool locks are session-level advisory locks and need a session of their own: point --state at PostgreSQL itself, or at a PgBouncer pool with pool_mode = session\n$/,
    );
    assert.is(run.stdout, '');
    const direct = cluster.urlFor(databaseOf(url));
    assert.equal(await stepsIn(direct), [], 'nothing audited');
    const world = JSON.parse(
      (await import('node:fs')).readFileSync(`${state}/simulated/p.json`, 'utf8'),
    ) as { servers: Record<string, { services: Record<string, { status: string }> }> };
    for (const server of Object.values(world.servers))
      for (const service of Object.values(server.services)) assert.is(service.status, 'Running');
  } finally {
    await bouncer.stop();
  }
});

test('PgBouncer in pool_mode = transaction: watch is refused at start with exit 1 and the mode that works', async () => {
  const cluster = await postgresCluster();
  const bouncer = await startPgBouncer(cluster, 'transaction');
  try {
    const url = bouncer.url(databaseOf(await cluster.freshDatabase()));
    const desired = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining') });
    const state = tempTree();
    writeWorld(state, 'p', { servers: { 'fe01.x': runningServer(['RTCSRV']) } });
    const run = await runCli(['watch', desired, '--state-dir', state, '--state', url]);
    assert.is(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^quiesce watch: PostgreSQL at .* pool_mode = session\n$/);
    assert.equal(await stepsIn(cluster.urlFor(databaseOf(url))), [], 'nothing audited');
  } finally {
    await bouncer.stop();
  }
});

test.run();

// The whole store contract through PgBouncer in session mode.
let bouncer: Promise<Bouncer> | null = null;
contractSuite({
  name: 'postgres through PgBouncer (pool_mode = session)',
  watchers: 'many',
  async open() {
    const cluster = await postgresCluster();
    bouncer ??= startPgBouncer(cluster, 'session');
    const url = (await bouncer).url(databaseOf(await cluster.freshDatabase()));
    return value(await openPostgresStore({ url }));
  },
});
