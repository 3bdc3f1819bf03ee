// The lock's connection killed (`pg_terminate_backend`) in the middle of `apply --wait` of 200 servers:
// PostgreSQL frees the lock at once, so no step may follow; the next apply finishes the job.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertFenced, assertFinished, faultRun, until } from './postgres-faults-apply.ts';

test('the lock session terminated mid-apply: exit 1 with one line, nothing stepped after, nothing unaudited, the next run finishes', async () => {
  const run = await faultRun();
  const first = run.apply();
  await until(async () => (await run.count()) >= 60, 40_000, '60 audited steps');
  const lostAt = Date.now();
  const ended = await run.sql(
    `select pg_terminate_backend(backend_pid) as ended from quiesce_lock where pool = 'p'`,
  );
  assert.equal(ended, [{ ended: true }]);
  const done = await first.done;
  assert.is(done.code, 1, done.output);
  const lines = done.output.split('\n').filter((line) => line.startsWith('quiesce apply:'));
  assert.equal(lines, ['quiesce apply: lost the lock for pool p; stopped before its next step']);
  assertFenced(run.world(), await run.audit(), lostAt, 300);
  const second = await run.apply().done;
  assert.is(second.code, 0, second.output);
  const all = await run.audit();
  assertFinished(run.world(), all);
  assert.is(all.filter((r) => r.action === 'pause' && r.outcome === 'ok').length, 100);
  await run.cluster.stop();
});

test.run();
