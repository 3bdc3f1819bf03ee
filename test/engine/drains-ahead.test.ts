// drainsAhead: a pool's drain records read once its lock is held, taken by the first recording, never reused.
import { okAsync } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { drainsAhead } from '../../reconciler/engine/drains-ahead.ts';
import type { DrainRecord } from '../../reconciler/state/drain-record.ts';
import type { DrainStore, SnapshotStore } from '../../reconciler/state/store.ts';

/** A store whose drains(pool) answers how many times that pool was read so far. */
function counting() {
  const reads: string[] = [];
  const store = {
    drains: (pool: string) => {
      reads.push(pool);
      const n = reads.filter((p) => p === pool).length;
      return okAsync([{ pool, n } as unknown as DrainRecord]);
    },
    recordDrain: () => okAsync(undefined),
    clearDrain: () => okAsync(undefined),
    saveSnapshot: () => okAsync(undefined),
    snapshots: () => okAsync([]),
  } as unknown as DrainStore & SnapshotStore;
  return { store, reads };
}

const nth = async (read: ReturnType<DrainStore['drains']>) =>
  ((await read)._unsafeUnwrap()[0] as unknown as { n: number }).n;

test('read ahead once; the next drains() takes it, the one after reads the store again', async () => {
  const { store, reads } = counting();
  const ahead = drainsAhead(store);
  ahead.read('a');
  ahead.read('a');
  assert.equal(reads, ['a'], 'read once however often asked');
  assert.is(await nth(ahead.store.drains('a')), 1, 'what was read ahead');
  assert.is(await nth(ahead.store.drains('a')), 2, 'then the store afresh');
  assert.is(await nth(ahead.store.drains('b')), 1, 'a pool not read ahead: the store');
});

test("drop forgets what was read ahead and not taken: every later read is the store's", async () => {
  const { store, reads } = counting();
  const ahead = drainsAhead(store);
  ahead.read('a');
  ahead.drop();
  assert.is(await nth(ahead.store.drains('a')), 2);
  assert.equal(reads, ['a', 'a']);
});

test.run();
