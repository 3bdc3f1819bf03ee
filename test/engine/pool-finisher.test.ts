// poolFinisher: a pool is finished when every server its plan steps is back; a pool not stepped at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type Finished, poolFinisher } from '../../reconciler/engine/pool-finisher.ts';
import type { Plan } from '../../reconciler/plan/index.ts';

/** A plan stepping these (pool, server) pairs (the finisher reads only its changes). */
const planOf = (...steps: [string, string][]) =>
  ({ changes: steps.map(([pool, server]) => ({ pool, server })) }) as unknown as Plan;

/** A finisher over `pools` that keeps each batch it is handed. */
function recording(pools: string[]) {
  const batches: Finished[][] = [];
  const finisher = poolFinisher(pools, async (done) => {
    batches.push([...done]);
  });
  return { finisher, batches };
}

test('a pool the plan does not step is finished at once; one it steps when its last server is back', async () => {
  const { finisher, batches } = recording(['a', 'b', 'c']);
  finisher.planned(planOf(['a', 's1'], ['a', 's1'], ['a', 's2'], ['b', 's1']));
  await finisher.settled();
  assert.equal(batches, [[{ pool: 'c', stepped: false }]]);
  finisher.back('a', 's1');
  finisher.back('b', 's1');
  await finisher.settled();
  assert.equal(batches.at(-1), [{ pool: 'b', stepped: true }], 'a still waits for s2');
  assert.ok(!finisher.finished.has('a'));
  finisher.back('a', 's2');
  await finisher.settled();
  assert.equal(batches.at(-1), [{ pool: 'a', stepped: true }]);
  assert.equal([...finisher.finished].sort(), ['a', 'b', 'c']);
});

test('a server that never comes back (its step failed) leaves its pool to the end of the run', async () => {
  const { finisher, batches } = recording(['a']);
  finisher.planned(planOf(['a', 's1'], ['a', 's2']));
  finisher.back('a', 's1');
  finisher.back('a', 's1');
  finisher.back('a', 'unknown');
  await finisher.settled();
  assert.equal(batches, []);
  assert.is(finisher.finished.size, 0);
});

test('pools finished in one event-loop turn are handed over together; a new plan starts afresh', async () => {
  const { finisher, batches } = recording(['a', 'b']);
  finisher.planned(planOf(['a', 's1'], ['b', 's1']));
  finisher.back('a', 's1');
  finisher.back('b', 's1');
  await finisher.settled();
  assert.equal(batches, [
    [
      { pool: 'a', stepped: true },
      { pool: 'b', stepped: true },
    ],
  ]);
  finisher.planned(planOf(['a', 's1']));
  assert.equal(
    [...finisher.finished],
    ['b'],
    'b (not stepped by the new plan) is finished, a waits',
  );
});

test.run();
