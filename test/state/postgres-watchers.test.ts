// Watchers sharing a PostgreSQL store: each session counts the live watchers and holds at most its share.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { value } from '../helpers/builders/result.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';
import { actor } from './contract.ts';

const ALL = ['p1', 'p2', 'p3', 'p4'];

test('watchers() counts live sessions; claim(pools, limit) keeps the first held, lets go of the rest, takes up to it', async () => {
  const store = value(
    await openPostgresStore({ url: await (await postgresCluster()).freshDatabase() }),
  );
  const a = value(await store.openWatcher(actor('m1', 'watch')));
  assert.is(value(await (a.watchers?.() ?? Promise.reject(new Error('no count')))), 1);
  const b = value(await store.openWatcher(actor('m2', 'watch')));
  assert.is(value(await (a.watchers?.() ?? Promise.reject(new Error('no count')))), 2);
  assert.equal(value(await a.claim(ALL, 2)), ['p1', 'p2'], 'takes free pools up to the limit');
  assert.equal(value(await b.claim(ALL, 2)), ['p3', 'p4']);
  assert.equal(value(await a.claim(ALL, 1)), ['p1'], 'over the limit: lets go of the last held');
  assert.equal(
    value(await store.owners()).map((o) => [o.pool, o.watcher.id]),
    [
      ['p1', a.id],
      ['p3', b.id],
      ['p4', b.id],
    ],
    'the owner row of the pool let go is gone',
  );
  assert.equal(
    value(await b.claim(ALL, 3)),
    ['p2', 'p3', 'p4'],
    'the freed pool goes to the other',
  );
  assert.equal(
    value(await b.claim(ALL)),
    ['p2', 'p3', 'p4'],
    'no limit: a held pool is never taken',
  );
  await a.close();
  assert.is(value(await (b.watchers?.() ?? Promise.reject(new Error('no count')))), 1);
  assert.equal(value(await b.claim(ALL, 4)), ALL, 'a closed watcher frees its pools and its count');
  await b.close();
  await store.close();
});

test.run();
