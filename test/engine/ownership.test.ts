// The watch ownership state machine on a real (folder) store: claim and lock the pools read, skip a pool
// an apply holds (one warning), fence a pool whose lock was lost, take a freed pool on the tick, let go at close.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ownedSource } from '../../reconciler/engine/ownership.ts';
import type { DesiredSource } from '../../reconciler/loop/index.ts';
import { openFolderStore } from '../../reconciler/state/folder/folder-store.ts';
import { desired, pool } from '../helpers/builders/fleet.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { actor } from '../state/contract.ts';

/** A source of these pools (a revision that never changes). */
const sourceOf = (...pools: string[]): DesiredSource => ({
  describe: 'desired-state/',
  watchPath: null,
  read: async () => ({
    kind: 'valid',
    desired: desired(...pools.map((name) => pool(name, { 'fe01.x': 'active' }))),
    revision: { id: 'main@sha1:abc', author: null, subject: null },
  }),
});

/** The pools of the next read. */
async function readPools(source: DesiredSource): Promise<string[]> {
  const read = await source.read();
  return read.kind === 'valid' ? read.desired.pools.map((p) => p.name) : [];
}

test('owned pools: claimed and locked; a pool an apply holds is skipped with one warning, then taken on the tick', async () => {
  const store = openFolderStore(tempTree());
  const me = actor('m1', 'watch');
  const session = value(await store.openWatcher(me));
  const apply = value(
    await store.acquireLock({
      pool: 'p3',
      actor: actor('ci', 'apply'),
      revision: null,
      timeoutMs: 0,
    }),
  );
  const warnings: string[] = [];
  const owned = ownedSource(sourceOf('p1', 'p2', 'p3'), session, store, me, (m) =>
    warnings.push(m),
  );
  assert.equal(await readPools(owned.source), ['p1', 'p2']);
  assert.equal(await readPools(owned.source), ['p1', 'p2']);
  assert.is(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0] ?? '', /^skipping pool p3 while it is locked: /);
  assert.equal(
    owned.lastDesired()?.pools.map((p) => p.name),
    ['p1', 'p2'],
  );
  assert.ok(await owned.fence('p1'));
  assert.not.ok(await owned.fence('p3'), 'not ours: no step may run');

  let woken = 0;
  owned.wake(() => woken++);
  await owned.tick();
  assert.is(woken, 0, 'nothing changed');
  value(await apply.release());
  await owned.tick();
  assert.is(woken, 1, 'the freed pool asks for a reconcile');
  assert.equal(await readPools(owned.source), ['p1', 'p2', 'p3']);

  const p1 = value(await store.lockHolders()).find((h) => h.pool === 'p1');
  value(await store.forceUnlock('p1', p1?.id ?? '', actor('ops', 'unlock')));
  assert.not.ok(await owned.fence('p1'), 'a lost lock fences the pool');

  await owned.close();
  await session.close();
  assert.equal(value(await store.lockHolders()), []);
});

test('a pool dropped from the desired state is let go: ownership and lock', async () => {
  const store = openFolderStore(tempTree());
  const me = actor('m1', 'watch');
  const session = value(await store.openWatcher(me));
  let pools = ['p1', 'p2'];
  const source: DesiredSource = { ...sourceOf(), read: () => sourceOf(...pools).read() };
  const owned = ownedSource(source, session, store, me, () => {});
  assert.equal(await readPools(owned.source), ['p1', 'p2']);
  pools = ['p2'];
  assert.equal(await readPools(owned.source), ['p2']);
  assert.equal(
    value(await store.owners()).map((o) => o.pool),
    ['p2'],
  );
  assert.equal(
    value(await store.lockHolders()).map((h) => h.pool),
    ['p2'],
  );
  await owned.close();
  await session.close();
});

test.run();
