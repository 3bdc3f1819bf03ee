// When a round asks to run again: soon after progress, at a wake (window opening, settle over), the earlier.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { requeueAfter } from '../../reconciler/loop/requeue.ts';

test('nothing to do and nothing to wait for: no requeue', () => {
  assert.is(requeueAfter(false, 1000, null, 5_000), null);
});

test('progress: requeue after the short delay', () => {
  assert.is(requeueAfter(true, 1000, null, 5_000), 1000);
});

test('a wake: just after its moment (never in the past), capped at what a timer takes', () => {
  assert.is(requeueAfter(false, 1000, 65_000, 5_000), 60_050);
  assert.is(requeueAfter(false, 1000, 4_000, 5_000), 50);
  assert.is(requeueAfter(false, 1000, 5_000 + 40 * 86_400_000, 5_000), 2_147_000_000);
});

test('progress and a wake: the earlier of the two', () => {
  assert.is(requeueAfter(true, 1000, 65_000, 5_000), 1000);
  assert.is(requeueAfter(true, 1000, 5_200, 5_000), 250);
});

test.run();
