import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { storeRoundRecords } from '../../reconciler/apply/store-round-records.ts';
import { stateError } from '../../reconciler/errors.ts';
import { newRecord } from '../../reconciler/plan/maintenance/round-types.ts';
import { openFolderStore } from '../../reconciler/state/folder/index.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

test('records are kept per pool, round and server; a load returns the round asked for', async () => {
  const dir = tempTree();
  const store = storeRoundRecords(openFolderStore(dir));
  assert.equal((await store.load('p', 'CHG1'))._unsafeUnwrap(), new Map());
  const a = { ...newRecord('p', 'CHG1', 'fe01'), drainStartedAt: 5 };
  const b = { ...newRecord('p', 'CHG0', 'fe01'), doneAt: 3 };
  const c = { ...newRecord('p', 'CHG1', 'fe02'), attempts: 2 };
  for (const r of [a, b, c]) assert.ok((await store.save(r)).isOk());
  assert.ok((await store.save({ ...a, hookStartedAt: 7 })).isOk());
  const loaded = (await store.load('p', 'CHG1'))._unsafeUnwrap();
  assert.equal([...loaded.keys()], ['fe01', 'fe02']);
  assert.equal(loaded.get('fe01'), { ...a, hookStartedAt: 7 });
  assert.equal((await store.load('p', 'CHG0'))._unsafeUnwrap().get('fe01'), b);
  assert.equal((await store.load('q', 'CHG1'))._unsafeUnwrap(), new Map());
  const file = join(dir, 'records', 'rollout', `${encodeURIComponent('p/CHG1/fe01')}.json`);
  assert.ok(readFileSync(file, 'utf8').endsWith('\n'));
});

test('a record file that is not JSON is one line that says where and what to do; it is not overwritten', async () => {
  const dir = tempTree();
  const folder = join(dir, 'records', 'rollout');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${encodeURIComponent('p/CHG1/fe01')}.json`);
  writeFileSync(file, '{"kind": "rollout", "ke');
  const store = storeRoundRecords(openFolderStore(dir));
  const loaded = await store.load('p', 'CHG1');
  assert.match(
    loaded._unsafeUnwrapErr().message,
    /p%2FCHG1%2Ffe01\.json is not valid JSON \(.*\); delete it to start afresh$/,
  );
  assert.is(readFileSync(file, 'utf8'), '{"kind": "rollout", "ke');
});

test('on a state store: kind rollout, key pool/id/server; store errors are its one line', async () => {
  const rows = new Map<string, unknown>();
  const fake = {
    async putRecord(kind: string, key: string, value: unknown) {
      rows.set(`${kind} ${key}`, structuredClone(value));
      return ok(undefined);
    },
    async listRecords(kind: string) {
      return ok(
        [...rows]
          .filter(([k]) => k.startsWith(`${kind} `))
          .map(([k, value]) => ({ key: k.slice(kind.length + 1), value })),
      );
    },
  };
  const store = storeRoundRecords(fake);
  const a = { ...newRecord('p', 'CHG1', 'fe01'), drainStartedAt: 5 };
  await store.save(a);
  await store.save({ ...newRecord('p', 'CHG10', 'fe02') });
  await store.save({ ...newRecord('pp', 'CHG1', 'fe03') });
  assert.equal(
    [...rows.keys()],
    ['rollout p/CHG1/fe01', 'rollout p/CHG10/fe02', 'rollout pp/CHG1/fe03'],
  );
  assert.equal((await store.load('p', 'CHG1'))._unsafeUnwrap(), new Map([['fe01', a]]));
  const down = storeRoundRecords({
    putRecord: async () => err(stateError('Unreachable', 'database unreachable')),
    listRecords: async () => err(stateError('Unreachable', 'database unreachable')),
  });
  assert.is((await down.load('p', 'CHG1'))._unsafeUnwrapErr().message, 'database unreachable');
  assert.is((await down.save(a))._unsafeUnwrapErr().message, 'database unreachable');
});

test.run();
