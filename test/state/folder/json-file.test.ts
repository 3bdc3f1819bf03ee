// The folder store's JSON files: Results end to end, one message per failure (no throw in between).
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readJson, writeJson, writeJsonAsync } from '../../../reconciler/state/folder/json-file.ts';
import { error, value } from '../../helpers/builders/result.ts';
import { tempTree } from '../../helpers/builders/temp-tree.ts';

test('writes and reads back; an absent file is null', () => {
  const dir = tempTree();
  const path = join(dir, 'sub', 'record.json');
  assert.is(value(readJson(path)), null);
  value(writeJson(path, { a: 1 }));
  assert.is(readFileSync(path, 'utf8'), '{\n  "a": 1\n}\n');
  assert.equal(value(readJson(path)), { a: 1 });
});

test('a failed write is one Io error naming the file once', () => {
  const dir = tempTree();
  const path = join(dir, 'record.json');
  mkdirSync(path);
  const failure = error(writeJson(path, {}));
  assert.is(failure.kind, 'Io');
  assert.match(failure.message, /^cannot write .*record\.json: EISDIR, a directory is in the way/);
  assert.is(failure.message.split('cannot write').length, 2, failure.message);
});

test('a burst of writes into a folder not made yet all land; the folder removed since is made again', async () => {
  const dir = join(tempTree(), 'snapshots', 'deep');
  const written = await Promise.all(
    Array.from({ length: 50 }, (_, i) => writeJsonAsync(join(dir, `p${i}.json`), { i })),
  );
  assert.ok(written.every((done) => done.isOk()));
  assert.is(readdirSync(dir).length, 50, 'every file, no temporary left');
  assert.equal(value(readJson(join(dir, 'p49.json'))), { i: 49 });
  rmSync(dir, { recursive: true });
  value(await writeJsonAsync(join(dir, 'p0.json'), { again: true }));
  assert.equal(value(readJson(join(dir, 'p0.json'))), { again: true });
});

test.run();
