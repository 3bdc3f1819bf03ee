import { parseEvents } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineStarts, pointerMaps, positionOf } from '../../reconciler/load/positions.ts';

test('offsets map to 1-based line and column', () => {
  const starts = lineStarts('ab\ncd\n\nef');
  assert.equal(positionOf(starts, 0), { line: 1, column: 1 });
  assert.equal(positionOf(starts, 4), { line: 2, column: 2 });
  assert.equal(positionOf(starts, 7), { line: 4, column: 1 });
});

test('pointer maps place keys and values, per document, with escaping', () => {
  const text = 'a:\n  "x/y": [1, 2]\n---\nb: 1\n';
  const maps = pointerMaps(text, parseEvents(text, {}));
  assert.is(maps.length, 2);
  assert.equal(maps[0]!.get('/a/x~1y'), { key: 5, value: 12 });
  assert.equal(maps[0]!.get('/a/x~1y/1'), { key: null, value: 16 });
  assert.equal(maps[1]!.get('/b'), { key: 23, value: 26 });
});

test.run();
