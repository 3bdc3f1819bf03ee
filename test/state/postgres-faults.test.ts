// PostgreSQL store faults: migrations, a newer schema, dead holders, dropped sessions, bad URLs,
// wrong credentials, a stopped server, password sources, and the password never shown.
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDb } from '../../reconciler/state/postgres/db.ts';
import { poolKey } from '../../reconciler/state/postgres/keys.ts';
import { migrate } from '../../reconciler/state/postgres/migrate.ts';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { SCHEMA_VERSION } from '../../reconciler/state/postgres/schema.ts';
import { postgresTarget } from '../../reconciler/state/postgres/target.ts';
import { error, value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { PG_PASSWORD, postgresCluster } from '../helpers/harnesses/postgres.ts';
import { actor } from './contract.ts';

const sql = async (url: string, text: string, params: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
};
const request = (pool: string) => ({ pool, actor: actor('r1'), revision: null, timeoutMs: 0 });
const noPassword = (text: string) => {
  assert.not.ok(text.includes(PG_PASSWORD), `password shown: ${text}`);
  assert.not.ok(text.includes(encodeURIComponent(PG_PASSWORD)), `password shown: ${text}`);
};

test('migration: from empty to the latest, re-run changes nothing, two at once are safe', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
  await value(a).close();
  await value(b).close();
  assert.equal(await sql(url, 'select version from quiesce_schema'), [{ version: SCHEMA_VERSION }]);
  const again = value(await openPostgresStore({ url }));
  assert.equal(await sql(url, 'select version from quiesce_schema'), [{ version: SCHEMA_VERSION }]);
  await again.close();
});

test('migration: a database at version 1 is migrated to the latest', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const db = openDb(value(postgresTarget({ url })));
  assert.is(value(await migrate(db, 1)), 1);
  await db.close();
  assert.equal(await sql(url, `select to_regclass('quiesce_record') as t`), [{ t: null }]);
  const store = value(await openPostgresStore({ url }));
  value(await store.putRecord('rollout', 'k', 1));
  assert.equal(await sql(url, 'select version from quiesce_schema'), [{ version: SCHEMA_VERSION }]);
  await store.close();
});

test('a store written by a newer quiesce is refused with a message', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  await value(await openPostgresStore({ url })).close();
  await sql(url, 'update quiesce_schema set version = 99');
  const refused = error(await openPostgresStore({ url }));
  assert.is(refused.kind, 'NewerSchema');
  assert.match(refused.message, /schema version 99, written by a newer quiesce .*upgrade quiesce/);
  noPassword(refused.message);
});

test('kill -9 of the holder process: the next acquire gets the lock at once', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const holder = spawn(
    process.execPath,
    ['--import', 'tsx', join('test', 'fixtures', 'hold-lock.ts'), url, 'fe-east'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  holder.stdout.on('data', (chunk) => (out += chunk));
  const deadline = Date.now() + 20_000;
  while (!out.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.match(out, /^held /);
  const store = value(await openPostgresStore({ url }));
  assert.is(error(await store.acquireLock(request('fe-east'))).kind, 'Locked');
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder.once('exit', resolve));
  const started = Date.now();
  const lease = value(await store.acquireLock({ ...request('fe-east'), timeoutMs: 5_000 }));
  assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  value(await lease.release());
  await store.close();
});

test('pg_terminate_backend of the lock session: the lease is no longer alive', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const store = value(await openPostgresStore({ url }));
  const lease = value(await store.acquireLock(request('fe-east')));
  assert.ok(await lease.alive());
  const ended = await sql(
    url,
    `select pg_terminate_backend(pid) as ended from pg_locks where locktype = 'advisory' and objid = $1`,
    [poolKey('fe-east')],
  );
  assert.equal(ended, [{ ended: true }]);
  assert.not.ok(await lease.alive());
  const released = error(await lease.release());
  assert.is(released.kind, 'LockLost');
  assert.match(released.message, /lost the lock for pool fe-east/);
  value(await value(await store.acquireLock(request('fe-east'))).release());
  await store.close();
});

test('pools whose lock keys collide are told apart by the holder row', async () => {
  const seen = new Map<number, string>();
  let pair: [string, string] | null = null;
  for (let i = 0; pair === null; i++) {
    const name = `p${i}`;
    const other = seen.get(poolKey(name));
    if (other !== undefined) pair = [other, name];
    seen.set(poolKey(name), name);
  }
  const url = await (await postgresCluster()).freshDatabase();
  const store = value(await openPostgresStore({ url }));
  const lease = value(await store.acquireLock(request(pair[0])));
  const clash = error(await store.acquireLock(request(pair[1])));
  assert.match(
    clash.message,
    new RegExp(`pool ${pair[1]} shares its lock key with pool ${pair[0]}`),
  );
  value(await lease.release());
  await store.close();
});

test('bad URLs: one BadUrl error each, never showing the password', async () => {
  for (const url of [
    `mysql://quiesce:${PG_PASSWORD}@localhost/q`,
    `postgres://quiesce:${PG_PASSWORD}@[bad/q`,
    'not a url',
    // Near misses of the URL form keep the password out too, and none is taken as a URL to another port.
    `quiesce:${PG_PASSWORD}@127.0.0.1`,
    `postgres//quiesce:${PG_PASSWORD}@127.0.0.1:1/q`,
    `postgres:/quiesce:${PG_PASSWORD}@127.0.0.1:1/q`,
    ` postgres://quiesce:${PG_PASSWORD}@127.0.0.1:1/q`,
  ]) {
    const bad = error(await openPostgresStore({ url }));
    assert.is(bad.kind, 'BadUrl');
    assert.match(
      bad.message,
      /is not a PostgreSQL URL; expected postgres:\/\/USER@HOST:PORT\/DATABASE/,
    );
    noPassword(bad.message);
  }
});

test('wrong credentials, a missing database, an unreachable port: clear errors without the password', async () => {
  const cluster = await postgresCluster();
  const wrong = error(
    await openPostgresStore({ url: cluster.urlFor('postgres', `${PG_PASSWORD}x`) }),
  );
  assert.is(wrong.kind, 'AuthFailed');
  assert.match(
    wrong.message,
    /refused the credentials \(password authentication failed for user "quiesce"\)/,
  );
  noPassword(wrong.message);
  const missing = error(await openPostgresStore({ url: cluster.urlFor('nope') }));
  assert.is(missing.kind, 'NoDatabase');
  assert.match(missing.message, /database "nope" does not exist; create it/);
  const closed = error(
    await openPostgresStore({
      url: `postgres://quiesce:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:1/q`,
    }),
  );
  assert.is(closed.kind, 'Unreachable');
  assert.match(
    closed.message,
    /^cannot reach PostgreSQL at postgres:\/\/quiesce@127\.0\.0\.1:1\/q: connect ECONNREFUSED/,
  );
  noPassword(closed.message);
});

test('PGPASSWORD and ~/.pgpass supply the password when the URL has none', async () => {
  const cluster = await postgresCluster();
  const url = await cluster.freshDatabase();
  const bare = url.replace(`:${encodeURIComponent(PG_PASSWORD)}@`, '@');
  assert.is(error(await openPostgresStore({ url: bare, env: {} })).kind, 'AuthFailed');
  await value(await openPostgresStore({ url: bare, env: { PGPASSWORD: PG_PASSWORD } })).close();
  const file = join(tempTree(), 'pgpass');
  writeFileSync(file, `127.0.0.1:${cluster.port}:*:quiesce:${PG_PASSWORD}\n`);
  chmodSync(file, 0o600);
  const saved = process.env.PGPASSFILE;
  process.env.PGPASSFILE = file;
  try {
    await value(await openPostgresStore({ url: bare, env: {} })).close();
  } finally {
    if (saved === undefined) delete process.env.PGPASSFILE;
    else process.env.PGPASSFILE = saved;
  }
});

test('PGSSLMODE is honoured (the test server has no TLS, so require fails, disable works)', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const saved = process.env.PGSSLMODE;
  try {
    process.env.PGSSLMODE = 'require';
    const refused = error(await openPostgresStore({ url }));
    assert.match(refused.message, /does not support SSL/);
    noPassword(refused.message);
    process.env.PGSSLMODE = 'disable';
    await value(await openPostgresStore({ url })).close();
  } finally {
    if (saved === undefined) delete process.env.PGSSLMODE;
    else process.env.PGSSLMODE = saved;
  }
});

test('a stopped database: Unreachable, and a lease on it is no longer alive', async () => {
  const cluster = await postgresCluster();
  const url = await cluster.freshDatabase();
  const store = value(await openPostgresStore({ url }));
  const lease = value(await store.acquireLock(request('fe-east')));
  await cluster.stop();
  try {
    assert.not.ok(await lease.alive());
    const down = error(await store.queryAudit({}));
    assert.is(down.kind, 'Unreachable');
    assert.match(
      down.message,
      /^cannot reach PostgreSQL at postgres:\/\/quiesce@127\.0\.0\.1:\d+\/t\d+_\d+: .*is it running/,
    );
    noPassword(down.message);
    const again = error(await openPostgresStore({ url }));
    assert.is(again.kind, 'Unreachable');
  } finally {
    await cluster.start();
  }
  await store.close();
});

test.run();
