// PostgreSQL frozen (SIGSTOP of the postmaster and its backends for 20 s, then SIGCONT) in the middle of
// `apply --wait` of 200 servers: a partition as the client sees it. TCP keepalives cannot notice (the
// kernel still answers them), so the lock's heartbeat must: apply stops stepping and exits 1.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FENCE_FRESH_MS } from '../../reconciler/state/postgres/fences.ts';
import { assertFenced, assertFinished, faultRun, until } from './postgres-faults-apply.ts';

test('PostgreSQL frozen for 20 s mid-apply: no step after, exit 1 with one line, nothing unaudited, the next run finishes', async () => {
  const run = await faultRun();
  const first = run.apply();
  await until(async () => (await run.count()) >= 60, 40_000, '60 audited steps');
  const frozenAt = Date.now();
  run.cluster.freeze();
  try {
    await new Promise((resolve) => setTimeout(resolve, 20_000));
  } finally {
    run.cluster.thaw();
  }
  const done = await first.done;
  assert.is(done.code, 1, done.output);
  const lines = done.output.split('\n').filter((line) => line.startsWith('quiesce apply:'));
  // One line: the lost lock (the heartbeat went unanswered) or, when a server's next step first had to write
  // its drain record, the store that did not answer — whichever the run met first; both stop every step.
  assert.is(lines.length, 1, done.output);
  assert.match(
    lines[0] ?? '',
    /^quiesce apply: (lost the lock for pool p; stopped before its next step|cannot reach PostgreSQL at postgres:\/\/quiesce@127\.0\.0\.1:\d+\/\S+: .*)$/,
  );
  // A step may still start on a confirmation from before the freeze (at most FENCE_FRESH_MS old), plus one in
  // flight; none once the heartbeat has gone unanswered, and none after the thaw.
  assertFenced(run.world(), await run.audit(), frozenAt, FENCE_FRESH_MS + 300);
  const second = await run.apply().done;
  assert.is(second.code, 0, second.output);
  const all = await run.audit();
  assertFinished(run.world(), all);
  assert.is(all.filter((r) => r.action === 'pause' && r.outcome === 'ok').length, 100);
  await run.cluster.stop();
});

test.run();
