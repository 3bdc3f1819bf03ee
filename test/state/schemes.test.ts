// The store scheme registry: each row is a store with the contract suite run on it, and opens by its location.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openStateStore, STORE_SCHEMES } from '../../reconciler/state/open.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

test('every store scheme has its contract test: test/state/<name>.test.ts runs contractSuite', () => {
  assert.equal(
    STORE_SCHEMES.map((s) => s.name),
    ['folder', 'postgres'],
  );
  for (const { name } of STORE_SCHEMES) {
    const path = join(import.meta.dirname, `${name}.test.ts`);
    assert.ok(existsSync(path), `${path} is missing`);
    assert.match(
      readFileSync(path, 'utf8'),
      /contractSuite\(/,
      `${name}.test.ts runs the contract`,
    );
  }
});

test('one scheme is the folder store, reached by a path; the rest by URL schemes of their own', () => {
  assert.is(STORE_SCHEMES.filter((s) => s.protocols.length === 0).length, 1);
  const protocols = STORE_SCHEMES.flatMap((s) => s.protocols);
  assert.is(new Set(protocols).size, protocols.length);
});

test('a folder location opens the folder store', async () => {
  const store = value(await openStateStore({ folder: tempTree() }, { env: {}, locks: false }));
  await store.close();
});

test.run();
