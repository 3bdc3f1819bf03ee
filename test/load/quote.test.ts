import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clip, escapeControl, quote } from '../../reconciler/load/quote.ts';

test('control and format characters are escaped, other text is kept', () => {
  assert.is(escapeControl('a\nb\r\tc'), 'a\\nb\\r\\tc');
  assert.is(escapeControl('\u001b[31mred\u0007'), '\\x1b[31mred\\x07');
  assert.is(escapeControl('\u0085\u009b\u007f'), '\\x85\\x9b\\x7f');
  assert.is(escapeControl('ab\u202ecd\u2028\ufeff'), 'ab\\u202ecd\\u2028\\ufeff');
  assert.is(escapeControl('tag\u{e0041}'), 'tag\\u{e0041}');
  assert.is(escapeControl('fe01 Zürich 東京 🙂 CONTOSO\\svc'), 'fe01 Zürich 東京 🙂 CONTOSO\\svc');
});

test('quotes are clipped to 80 characters, never inside a surrogate pair', () => {
  assert.is(quote('x'.repeat(80)), `\`${'x'.repeat(80)}\``);
  assert.is(quote('x'.repeat(81)), `\`${'x'.repeat(79)}…\``);
  const clipped = clip(`${'x'.repeat(78)}🙂🙂`);
  assert.is(clipped, `${'x'.repeat(78)}…`);
  assert.is(quote(null), '`null`');
  assert.is(quote({ a: 1 }), '`{"a":1}`');
});

test.run();
