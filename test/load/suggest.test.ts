import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closest, distance } from '../../reconciler/load/suggest.ts';

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

test.run();
