// The lines of a failed hook's output that plans and status quote.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  quotedOutput,
  quotedOutputText,
} from '../../../reconciler/plan/maintenance/output-lines.ts';

test('the last five non-empty lines, trimmed', () => {
  const tail = ['one', '', 'two', 'three  ', '', 'four', 'five', 'six failed', ''];
  assert.equal(quotedOutput(tail), ['two', 'three', 'four', 'five', 'six failed']);
  assert.is(quotedOutputText(['a', '', 'b']), 'a | b');
  assert.is(quotedOutputText([]), null);
  assert.is(quotedOutputText(undefined), null);
});

test('an error line that scrolled off above the last lines leads them', () => {
  const crash = [
    'node:fs:573',
    "Error: ENOENT: no such file or directory, open '/x/KB1.msu'",
    '    at Object.openSync (node:fs:573:18)',
    '    at readFileSync (node:fs:452:35)',
    '  errno: -2,',
    "  code: 'ENOENT',",
    "  syscall: 'open',",
    '}',
    '',
    'Node.js v20.20.2',
  ];
  assert.equal(quotedOutput(crash), [
    "Error: ENOENT: no such file or directory, open '/x/KB1.msu'",
    '…',
    "code: 'ENOENT',",
    "syscall: 'open',",
    '}',
    'Node.js v20.20.2',
  ]);
});

test('a long line is cut', () => {
  const [line] = quotedOutput(['x'.repeat(500)]);
  assert.is(line?.length, 200);
  assert.ok(line?.endsWith('…'));
});

test.run();
