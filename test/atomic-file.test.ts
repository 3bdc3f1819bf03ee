// Atomic writes: the old content or the new, and a failed write leaves no temporary file and says where.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { saveFileAtomic, writeFileAtomic } from '../reconciler/atomic-file.ts';
import { readStatus, statusPath, type WatchStatus, writeStatus } from '../reconciler/loop/index.ts';
import { tempTree } from './helpers/builders/temp-tree.ts';

test('a write replaces the file whole and leaves nothing beside it', () => {
  const dir = tempTree({ 'f.json': 'old' });
  assert.ok(saveFileAtomic(join(dir, 'f.json'), 'new').isOk());
  assert.is(readFileSync(join(dir, 'f.json'), 'utf8'), 'new');
  assert.equal(readdirSync(dir), ['f.json']);
});

test('a failed write: one line naming the path and what to do, no temporary file left, the old file unchanged', () => {
  const dir = tempTree({ file: 'x' });
  const under = saveFileAtomic(join(dir, 'file', 'status.json'), '{}')._unsafeUnwrapErr();
  assert.match(
    under,
    /^cannot write .*file[\\/]status\.json: (ENOTDIR|EEXIST), .*pick another --state-dir$/,
  );
  // a directory where the file goes: the temporary file is written, the rename fails, the temp must go
  mkdirSync(join(dir, 'state', 'status.json'), { recursive: true });
  const blocked = saveFileAtomic(join(dir, 'state', 'status.json'), '{}')._unsafeUnwrapErr();
  assert.match(
    blocked,
    /^cannot write .*state[\\/]status\.json: EISDIR, a directory is in the way/,
  );
  assert.equal(readdirSync(join(dir, 'state')), ['status.json'], 'no temporary file left');
  assert.throws(() => writeFileAtomic(join(dir, 'state', 'status.json'), '{}'), /^cannot write /);
});

test('status.json: a failed write is a Result with one line, never a throw', () => {
  const dir = tempTree({});
  mkdirSync(statusPath(dir));
  const status = { formatVersion: 1 } as WatchStatus;
  assert.match(writeStatus(dir, status)._unsafeUnwrapErr(), /^cannot write .*status\.json: EISDIR/);
  assert.equal(readdirSync(dir), ['status.json']);
  const ok = tempTree({});
  assert.ok(writeStatus(ok, status).isOk());
  assert.equal(readStatus(ok), status);
});

test.run();
