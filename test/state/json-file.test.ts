// The folder store's JSON files: a write that fails is one Io line naming the file, never thrown.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeJson } from '../../reconciler/state/folder/json-file.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

test('a write over a directory is one Io error saying so, once', () => {
  const dir = tempTree({});
  const path = join(dir, 'owners.json');
  mkdirSync(path);
  const error = writeJson(path, { a: 1 })._unsafeUnwrapErr();
  assert.is(error.kind, 'Io');
  assert.match(error.message, /^cannot write .*owners\.json: EISDIR, a directory is in the way/);
  assert.is(error.message.split('cannot write').length, 2, error.message);
});

test.run();
