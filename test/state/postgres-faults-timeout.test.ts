// A statement timeout on the store in the middle of `apply --wait` of 200 servers: another session locks the
// audit table for 3 s while statement_timeout is 1 s. The lock is never lost, so the run goes on once the
// step writes, retried, get through: every step audited once, the job finished.
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { postgresTarget } from '../../reconciler/state/postgres/target.ts';
import {
  assertFenced,
  assertFinished,
  CONCURRENCY,
  faultRun,
  until,
} from './postgres-faults-apply.ts';

test('a statement timeout mid-apply: the step writes are retried, the run finishes, every step audited once', async () => {
  const run = await faultRun(undefined, '?statement_timeout=1000');
  const first = run.apply();
  await until(async () => (await run.count()) >= 60, 40_000, '60 audited steps');
  const blocker = new pg.Client({ connectionString: run.url });
  await blocker.connect();
  await blocker.query('begin');
  await blocker.query('lock table quiesce_audit in share mode'); // inserts wait, and time out after 1 s
  const lockedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const stuck = run.world();
  await blocker.query('commit');
  await blocker.end();
  const done = await first.done;
  assert.is(done.code, 0, done.output);
  // While the writes failed, each server waited for its record: at most one step per server at work went on.
  const during = [...stuck].filter(([, s]) => s.since !== undefined && s.since > lockedAt + 300);
  assert.ok(during.length <= CONCURRENCY, `${during.length} steps while the audit was locked`);
  const all = await run.audit();
  assertFenced(run.world(), all, Date.now(), 0);
  assertFinished(run.world(), all);
  assert.is(all.filter((r) => r.action === 'pause' && r.outcome === 'ok').length, 100);
  await run.cluster.stop();
});

test('statement_timeout in the URL: milliseconds or with a unit; anything else is a BadUrl', () => {
  const base = 'postgres://q@127.0.0.1:5432/d';
  const at = (query: string) => postgresTarget({ url: `${base}${query}` });
  assert.is(at('?statement_timeout=1500')._unsafeUnwrap().statementTimeoutMs, 1500);
  assert.is(at('?statement_timeout=2s')._unsafeUnwrap().statementTimeoutMs, 2000);
  assert.is(at('')._unsafeUnwrap().statementTimeoutMs, 30_000);
  const bad = at('?statement_timeout=soon')._unsafeUnwrapErr();
  assert.is(bad.kind, 'BadUrl');
  assert.match(
    bad.message,
    /statement_timeout=soon is not a duration; write milliseconds \(5000\) or 5s/,
  );
});

test.run();
