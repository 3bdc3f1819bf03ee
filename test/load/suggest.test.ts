import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closest, distance, MAX_SUGGEST_LENGTH, suggester } from '../../reconciler/load/suggest.ts';

test('edit distance counts swaps as one edit', () => {
  assert.is(distance('drainig', 'draining'), 1);
  assert.is(distance('RTCSVR', 'RTCSRV'), 1);
  assert.is(distance('abc', 'abc'), 0);
  assert.is(distance('', 'abc'), 3);
});

test('closest suggests likely typos only', () => {
  assert.is(closest('drainig', ['active', 'draining']), 'draining');
  assert.is(closest('DNS', ['dns', 'hardware', 'none']), 'dns');
  assert.is(closest('maxUnavaliable', ['maxUnavailable', 'minActive', 'quorum']), 'maxUnavailable');
  assert.is(closest('zzzzzz', ['active', 'draining']), null);
});

test('distance gives up at its limit', () => {
  assert.is(distance('kitten', 'sitting'), 3);
  assert.is(distance('kitten', 'sitting', 2), 2);
  assert.is(distance('a', 'abcdefgh', 3), 3);
});

test('long words get no suggestion, and are not compared', () => {
  const long = 'x'.repeat(MAX_SUGGEST_LENGTH + 1);
  assert.is(closest(long, [`${long}y`]), null);
  assert.is(closest('abc', [long, 'abd']), 'abd');
});

test('a suggester stops suggesting once its comparisons are spent', () => {
  const didYouMean = suggester(5);
  assert.is(didYouMean('drainig', ['active', 'draining']), 'did you mean `draining`?');
  assert.is(didYouMean('drainig', ['active', 'draining']), 'did you mean `draining`?');
  assert.is(didYouMean('drainig', ['active', 'draining']), null);
});

test.run();
