import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDuration, parseDuration } from '../reconciler/duration.ts';

test('durations parse to milliseconds', () => {
  assert.is(parseDuration('90s'), 90_000);
  assert.is(parseDuration('30m'), 1_800_000);
  assert.is(parseDuration('2h'), 7_200_000);
  assert.is(parseDuration('1d'), 86_400_000);
  assert.is(parseDuration('1h30m'), 5_400_000);
  assert.is(parseDuration('250ms'), 250);
});

test('non-durations and zero are null', () => {
  for (const text of ['', '0s', '2', 'h', '2 h', '-1h', '1.5h', 'banana', '1h 30m']) {
    assert.is(parseDuration(text), null, text);
  }
});

test('durations format back', () => {
  assert.is(formatDuration(5_400_000), '1h30m');
  assert.is(formatDuration(45_000), '45s');
  assert.is(formatDuration(250), '250ms');
});

test.run();
