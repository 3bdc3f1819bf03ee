// The folder store's JSON files: Results end to end, one message per failure (no throw in between).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readJson, writeJson } from '../../../reconciler/state/folder/json-file.ts';
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

test.run();
