import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { descendants, parseWmicTable, runsArgv } from '../../reconciler/apply/process-tree.ts';

// The table `wmic process get CommandLine,ParentProcessId,ProcessId` writes: each column as wide as its
// widest value plus two spaces.
const rows: [string, string, string][] = [
  ['CommandLine', 'ParentProcessId', 'ProcessId'],
  ['', '0', '4'],
  ['C:\\Windows\\system32\\cmd.exe /d /s /c ""C:\\ops\\patch.cmd" "fe01""', '372', '400'],
  ['"C:\\node\\node.exe" -e "x, y"', '400', '416'],
  ['ping  -n 60 127.0.0.1', '416', '424'],
];
const width = (i: number) => Math.max(...rows.map((r) => r[i]!.length)) + 2;
const table = `${rows.map((r) => r.map((v, i) => v.padEnd(width(i))).join('')).join('\r\n')}\r\n`;

test("wmic's table is read by its header's columns, commas and spaces in command lines kept", () => {
  const rows = parseWmicTable(table);
  assert.equal(
    rows.map((r) => [r.pid, r.ppid]),
    [
      [4, 0],
      [400, 372],
      [416, 400],
      [424, 416],
    ],
  );
  assert.is(rows[2]?.commandLine, '"C:\\node\\node.exe" -e "x, y"');
  assert.equal(parseWmicTable('Error: Invalid query\r\n'), []);
});

test('a tree is every descendant, children first; a cycle of reused pids ends', () => {
  const rows = parseWmicTable(table);
  assert.equal(descendants(rows, 400), [416, 424]);
  assert.equal(descendants(rows, 424), []);
  assert.equal(
    descendants(
      [
        { pid: 1, ppid: 2, commandLine: '' },
        { pid: 2, ppid: 1, commandLine: '' },
      ],
      1,
    ),
    [2],
  );
});

test('a Windows process is the hook when its command line holds every argument of the argv', () => {
  const line = 'C:\\Windows\\system32\\cmd.exe /d /s /c ""C:\\Ops\\patch.cmd" "fe01""';
  assert.ok(runsArgv(line, ['c:\\ops\\PATCH.cmd', 'fe01']));
  assert.not.ok(runsArgv(line, ['C:\\Ops\\patch.cmd', 'fe02']));
  assert.not.ok(runsArgv('', []), 'an unknown command line is never ours');
});

test.run();
