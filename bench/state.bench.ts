// State store benchmark: lock acquire + release, and `history` queries over 100,000 audit records,
// on PostgreSQL (a real server from the test helper) and the folder store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openFolderStore } from '../reconciler/state/folder/folder-store.ts';
import { openPostgresStore } from '../reconciler/state/postgres/postgres-store.ts';
import { tempTree } from '../test/helpers/builders/temp-tree.ts';
import { postgresCluster } from '../test/helpers/harnesses/postgres.ts';
import { median, ms, time } from './stats.ts';

const RECORDS = 100_000;
const POOLS = 50;
const SERVERS = 20;
const actor = { host: 'bench', pid: process.pid, command: 'apply', ciJobUrl: null };
const start = Date.parse('2026-01-01T00:00:00Z');
const record = (i: number) => ({
  time: new Date(start + i * 60_000).toISOString(),
  revision: { id: 'main@sha1:0123456789abcdef', author: 'Ann', subject: 'monthly patching' },
  pool: `pool${i % POOLS}`,
  server: `fe${(i >> 6) % SERVERS}.contoso.com`,
  service: 'RTCSRV',
  action: 'pause',
  before: { status: 'Running', startType: 'Manual' },
  after: { status: 'Paused', startType: 'Manual' },
  outcome: 'ok',
  error: null,
  durationMs: 20,
});
const since = new Date(start + (RECORDS - 1440) * 60_000).toISOString(); // the last 24 h
const queries = {
  'pool + server': { pool: 'pool7', server: 'fe3.contoso.com' },
  'pool, last 24h': { pool: 'pool7', since },
  'server, all pools': { server: 'fe3.contoso.com' },
};

const cluster = await postgresCluster();
const url = await cluster.freshDatabase();
const store = await openPostgresStore({ url });
if (store.isErr()) throw new Error(store.error.message);
const pgStore = store.value;

const locks = await time(async () => {
  const lease = await pgStore.acquireLock({ pool: 'fe-east', actor, revision: null, timeoutMs: 0 });
  if (lease.isErr()) throw new Error(lease.error.message);
  await lease.value.release();
}, 50);
console.log(`postgres lock acquire + release: median ${ms(median(locks))} (50 runs)`);
const alive = await (async () => {
  const lease = await pgStore.acquireLock({ pool: 'fe-east', actor, revision: null, timeoutMs: 0 });
  if (lease.isErr()) throw new Error(lease.error.message);
  const runs = await time(() => lease.value.alive(), 200);
  await lease.value.release();
  return runs;
})();
console.log(`postgres lease.alive() (the fence before each step): median ${ms(median(alive))}`);

const client = new pg.Client({ connectionString: url });
await client.connect();
for (let from = 0; from < RECORDS; from += 10_000) {
  const batch = Array.from({ length: 10_000 }, (_, k) => record(from + k));
  await client.query(
    `insert into quiesce_audit (time, pool, server, record)
     select (r->>'time')::timestamptz, r->>'pool', r->>'server', r from jsonb_array_elements($1::jsonb) r`,
    [JSON.stringify(batch)],
  );
}
await client.query('analyze quiesce_audit');
await client.end();

const dir = tempTree();
writeFileSync(
  join(dir, 'audit.jsonl'),
  `${Array.from({ length: RECORDS }, (_, i) => JSON.stringify(record(i))).join('\n')}\n`,
);
const folder = openFolderStore(dir);
const cold = performance.now();
await folder.queryAudit(queries['pool + server']);
console.log(
  `history over ${RECORDS} records, folder, first query (builds audit.idx): ${ms(performance.now() - cold)}`,
);

for (const [name, query] of Object.entries(queries)) {
  let found = 0;
  const onPg = await time(async () => {
    const rows = await pgStore.queryAudit(query);
    found = rows.isOk() ? rows.value.length : -1;
  }, 15);
  const onFolder = await time(() => folder.queryAudit(query), 5, 1);
  console.log(
    `history over ${RECORDS} records, ${name} (${found} found): postgres ${ms(median(onPg))}, folder ${ms(median(onFolder))}`,
  );
}
await pgStore.close();
process.exit(0);
