// The audit log: a line torn by a crash is never glued to the next entry; readers skip and report it.
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type AuditEntry,
  auditPath,
  openFolderStore,
  parseAudit,
  readAudit,
} from '../../../reconciler/state/folder/index.ts';
import { tempTree } from '../../helpers/builders/temp-tree.ts';

const entry = (server: string): AuditEntry => ({
  time: '2026-01-01T00:00:00.000Z',
  revision: null,
  pool: 'p',
  server,
  service: 'RTCSRV',
  action: 'pause',
  before: { status: 'Running', startType: 'Automatic' },
  after: { status: 'Paused', startType: 'Automatic' },
  outcome: 'ok',
  error: null,
  durationMs: 3,
});

/** Appends through the store; a failure is the message of its error. */
const log = (dir: string) => {
  const store = openFolderStore(dir);
  return async (record: AuditEntry) => {
    const done = await store.appendAudit(record);
    return done.isErr() ? done.error.message : null;
  };
};

test('an append after a torn last line starts on a fresh line; the reader skips and reports the torn line', async () => {
  const dir = tempTree({});
  const append = log(dir);
  assert.is(await append(entry('fe01.x')), null);
  // a crash mid-append leaves half a line
  appendFileSync(auditPath(dir), JSON.stringify(entry('fe02.x')).slice(0, 40));
  assert.equal(await Promise.all([append(entry('fe03.x')), append(entry('fe04.x'))]), [null, null]);
  const text = readFileSync(auditPath(dir), 'utf8');
  assert.ok(text.endsWith('}\n'));
  for (const line of text
    .trim()
    .split('\n')
    .filter((_, i) => i !== 1))
    JSON.parse(line);
  const read = readAudit(dir)._unsafeUnwrap();
  assert.equal(
    read.entries.map((e) => ('server' in e ? e.server : null)),
    ['fe01.x', 'fe03.x', 'fe04.x'],
  );
  assert.equal(read.torn, [{ line: 2, text: JSON.stringify(entry('fe02.x')).slice(0, 40) }]);
});

test('a log replaced by a torn file of the very same size is still checked: the append starts on a fresh line', async () => {
  const dir = tempTree({});
  const append = log(dir);
  assert.is(await append(entry('fe01.x')), null);
  const size = readFileSync(auditPath(dir)).length;
  // Another file in its place (a new inode), as long as the one this process last wrote, ending mid-line.
  const other = `${auditPath(dir)}.other`;
  writeFileSync(other, '{"torn": '.padEnd(size, 'x'));
  renameSync(other, auditPath(dir));
  assert.is(readFileSync(auditPath(dir)).length, size);
  assert.is(await append(entry('fe03.x')), null);
  const lines = readFileSync(auditPath(dir), 'utf8').split('\n');
  assert.equal(JSON.parse(lines[1] as string).server, 'fe03.x');
});

test('the reader reports lines that are JSON but no entry, quotes at most 80 characters, and skips blank lines', () => {
  const long = `{"x":"${'a'.repeat(200)}`;
  const read = parseAudit(`${JSON.stringify(entry('fe01.x'))}\n\n[]\n{}\n${long}\n`);
  assert.is(read.entries.length, 1);
  assert.equal(
    read.torn.map((t) => t.line),
    [3, 4, 5],
  );
  assert.is(read.torn[2]?.text.length, 81);
  assert.equal(readAudit(tempTree({}))._unsafeUnwrap(), { entries: [], torn: [] });
});

test('an audit write that fails (ENOSPC, a directory in the way) is reported in one line naming the file, never thrown', async () => {
  const full = tempTree({});
  symlinkSync('/dev/full', auditPath(full)); // every write to /dev/full fails with ENOSPC
  const seen = [await log(full)(entry('fe01.x'))];
  assert.equal(seen, [
    `cannot append to the audit log ${auditPath(full)}: ENOSPC, no space left on device; free space on that file system and run again (step p/fe01.x RTCSRV pause ran, outcome ok, but is not recorded there)`,
  ]);
  const blocked = tempTree({});
  mkdirSync(auditPath(blocked));
  seen.push(await log(blocked)(entry('fe01.x')));
  assert.match(seen[1] ?? '', /^cannot append to the audit log .*audit\.jsonl: EISDIR/);
  const unreadable = tempTree({});
  mkdirSync(auditPath(unreadable));
  assert.match(readAudit(unreadable)._unsafeUnwrapErr(), /^cannot read the audit log .*: EISDIR/);
});

test.run();
