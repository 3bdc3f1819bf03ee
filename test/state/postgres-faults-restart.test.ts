// PostgreSQL restarted (`pg_ctl restart -m fast`) in the middle of `apply --wait` of 200 servers: the lock
// session ends, no step follows, the steps in flight are audited, and the next apply finishes the job.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertFenced, assertFinished, faultRun, until } from './postgres-faults-apply.ts';

test('PostgreSQL restarted mid-apply: exit 1 with one line, nothing stepped after, nothing unaudited, the next run finishes', async () => {
  const run = await faultRun();
  const first = run.apply();
  await until(async () => (await run.count()) >= 60, 40_000, '60 audited steps');
  const lostAt = Date.now();
  await run.cluster.restart();
  const ended = await first.done;
  assert.is(ended.code, 1, ended.output);
  const lines = ended.output.split('\n').filter((line) => line.startsWith('quiesce apply:'));
  assert.equal(lines.length, 1, ended.output);
  assert.match(
    lines[0] as string,
    // The lost lock, or (when a server's next step first had to write its drain record) the store that went
    // away: whichever the run met first; both stop every step.
    /^quiesce apply: (lost the lock for pool p\b.*stopped before its next step|cannot reach PostgreSQL at postgres:\/\/quiesce@127\.0\.0\.1:\d+\/\S+: .*)$/,
  );
  const audit = await run.audit();
  assertFenced(run.world(), audit, lostAt, 300);
  const second = await run.apply().done;
  assert.is(second.code, 0, second.output);
  const all = await run.audit();
  assertFinished(run.world(), all);
  assertFenced(run.world(), all, Date.now(), 0);
  // Each draining server paused once, in the audit once.
  assert.is(all.filter((r) => r.action === 'pause' && r.outcome === 'ok').length, 100);
  await run.cluster.stop();
});

test.run();
