// The folder store's step path: drain changes appended to a journal (no file rewritten per step, no
// synchronous I/O), group-committed per turn, folded into the snapshot when long, read back the same.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StepRecord } from '../../../reconciler/audit-record.ts';
import { drainPaths, replay } from '../../../reconciler/state/folder/drain-journal.ts';
import { auditPath, openFolderStore } from '../../../reconciler/state/folder/index.ts';
import { value } from '../../helpers/builders/result.ts';
import { tempTree } from '../../helpers/builders/temp-tree.ts';
import { countSyncFs } from '../../helpers/harnesses/sync-fs.ts';
import { step } from '../contract.ts';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
const server = (i: number) => `fe${String(i).padStart(4, '0')}.x`;
const pause = (i: number): StepRecord => step('fe-east', server(i), at(i));
const resume = (i: number): StepRecord => ({ ...pause(i), action: 'resume' });

test('steps: no synchronous file system call, and the drain snapshot is never rewritten per step', async () => {
  const dir = tempTree({});
  const store = openFolderStore(dir);
  const paths = drainPaths(dir, 'fe-east');
  const counts = await countSyncFs(async () => {
    for (const done of await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.recordStep(pause(i))),
    ))
      value(done);
    for (let i = 0; i < 50; i++) value(await store.recordStep(resume(i)));
  });
  assert.equal(counts, {});
  assert.not.ok(
    existsSync(paths.snapshot),
    'the snapshot is not written below the compaction size',
  );
  assert.is(readFileSync(paths.journal, 'utf8').trim().split('\n').length, 250);
  assert.is(readFileSync(auditPath(dir), 'utf8').trim().split('\n').length, 250);
  const drains = value(await store.drains('fe-east'));
  assert.equal(
    drains.map((d) => d.server),
    Array.from({ length: 150 }, (_, i) => server(i + 50)),
  );
});

test('a long journal is folded into the snapshot by the writer; the records read the same before and after', async () => {
  const dir = tempTree({});
  const store = openFolderStore(dir);
  const paths = drainPaths(dir, 'fe-east');
  // 600 opens and 300 closes, one turn each: the journal passes 64 KiB, twice the snapshot.
  for (let i = 0; i < 600; i++) value(await store.recordStep(pause(i)));
  for (let i = 0; i < 600; i += 2) value(await store.recordStep(resume(i)));
  assert.ok(existsSync(paths.snapshot), 'folded into the snapshot');
  const journal = existsSync(paths.journal) ? statSync(paths.journal).size : 0;
  assert.ok(journal < 64 * 1024, `journal is short again (${journal} bytes)`);
  const expected = Array.from({ length: 300 }, (_, i) => server(2 * i + 1));
  assert.equal(
    value(await store.drains('fe-east')).map((d) => d.server),
    expected,
  );
  // a reader in another process sees the same
  assert.equal(
    value(await openFolderStore(dir).drains('fe-east')).map((d) => d.server),
    expected,
  );
});

test('a journal line torn by a crash is skipped, and the next change starts on a fresh line', async () => {
  const dir = tempTree({});
  const store = openFolderStore(dir);
  const paths = drainPaths(dir, 'fe-east');
  value(await store.recordStep(pause(1)));
  appendFileSync(paths.journal, '{"open":{"pool":"fe-east","ser');
  value(await store.recordStep(pause(2)));
  assert.equal(
    value(await store.drains('fe-east')).map((d) => d.server),
    [server(1), server(2)],
  );
});

test('a drains/<pool>.json written by an earlier version is read, and changes apply on top of it', async () => {
  const earlier = [
    { pool: 'fe-east', server: 'a.x', service: 'RTCSRV', began: at(0), source: 'observed' },
  ];
  const dir = tempTree({ 'drains/fe-east.json': JSON.stringify(earlier) });
  const store = openFolderStore(dir);
  value(await store.recordDrain({ ...earlier[0], began: at(9), source: 'paused' } as never));
  value(await store.recordStep(pause(3)));
  assert.equal(
    value(await store.drains('fe-east')).map((d) => [d.server, d.began]),
    [
      ['a.x', at(0)],
      [server(3), at(3)],
    ],
  );
  value(await store.clearDrain({ pool: 'fe-east', server: 'a.x', service: 'RTCSRV' }));
  assert.equal(
    value(await store.drains('fe-east')).map((d) => d.server),
    [server(3)],
  );
});

test('replay: a change replayed over a snapshot that already holds it changes nothing', () => {
  const open = (server: string, began: string) => ({
    open: { pool: 'p', server, service: 'S', began, source: 'paused' as const },
  });
  const changes = [
    open('a', 'T1'),
    { close: { pool: 'p', server: 'a', service: 'S' } },
    open('a', 'T2'),
    open('b', 'T3'),
  ];
  const once = replay([], changes);
  assert.equal(replay(once, changes), once);
  assert.equal(
    once.map((r) => [r.server, r.began]),
    [
      ['a', 'T2'],
      ['b', 'T3'],
    ],
  );
});

test('an audit append that fails fails its steps and writes none of their drain changes', async () => {
  const dir = tempTree({});
  mkdirSync(auditPath(dir));
  const store = openFolderStore(dir);
  const done = await store.recordStep(pause(1));
  assert.match(
    done._unsafeUnwrapErr().message,
    /^cannot append to the audit log .*EISDIR.*step fe-east\/fe0001\.x RTCSRV pause ran/,
  );
  assert.equal(value(await store.drains('fe-east')), []);
});

test.run();
