import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { coalescing } from '../../reconciler/loop/index.ts';

test('requests during a run collapse into exactly one more run; runs never overlap', async () => {
  let runs = 0;
  let active = 0;
  let overlapped = false;
  const runner = coalescing(async () => {
    runs++;
    active++;
    overlapped ||= active > 1;
    await new Promise((resolve) => setTimeout(resolve, 30));
    active--;
  });
  runner.request();
  for (let i = 0; i < 10; i++) runner.request();
  await runner.idle();
  assert.is(runs, 2);
  assert.not.ok(overlapped);
  runner.request();
  await runner.idle();
  assert.is(runs, 3);
});

test.run();
