// A run's recorder: drain records at once, each pool's snapshot saved once where the run left it.

import { err } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { observationRecorder } from '../../reconciler/engine/record-observed.ts';
import { stateError } from '../../reconciler/errors.ts';
import type { Observations } from '../../reconciler/model.ts';
import { openFolderStore } from '../../reconciler/state/folder/folder-store.ts';
import type { PoolSnapshot } from '../../reconciler/state/pool-snapshot.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { actor } from '../state/contract.ts';

const a = pool('a', servers(2, [1]));
const b = pool('b', servers(2));
const fleet = desired(a, b);
/** One pool's observations. */
const of = (observed: Observations, name: string) =>
  observed.get(name) as NonNullable<ReturnType<Observations['get']>>;
const t0 = Date.parse('2026-01-01T10:00:00.000Z');

/** A folder store whose snapshot saves are counted (and fail while `failing`). */
function countingStore() {
  const store = openFolderStore(tempTree());
  const saves: string[] = [];
  let failing = false;
  const save = store.saveSnapshot.bind(store);
  store.saveSnapshot = async (snapshot: PoolSnapshot) => {
    saves.push(snapshot.pool);
    return failing
      ? err(stateError('Io', 'cannot write snapshots/a.json: disk full'))
      : save(snapshot);
  };
  return { store, saves, fail: () => (failing = true) };
}

/** Both pools, a's s1 `status`. */
const observed = (status: 'Running' | 'Paused'): Observations =>
  new Map([
    ['a', of(observe([a], { s1: { status } }), 'a')],
    ['b', of(observe([b]), 'b')],
  ]);

test('a recorded round writes its drain records at once and its snapshots only when saved, once per pool', async () => {
  const { store, saves } = countingStore();
  const recorder = observationRecorder(store, fleet, actor('r1'));
  value(await recorder.record(observed('Paused'), t0));
  assert.equal(saves, [], 'no snapshot yet');
  assert.equal(
    value(await store.drains('a')).map((d) => d.server),
    ['s1'],
    'the drain seen is recorded before the plan',
  );
  value(await recorder.record(observed('Paused'), t0 + 1000));
  value(await recorder.save());
  assert.equal(saves.sort(), ['a', 'b'], 'each pool once, the second round replacing the first');
  const saved = value(await store.snapshots());
  assert.equal(
    saved.map((s) => s.at),
    ['2026-01-01T10:00:01.000Z', '2026-01-01T10:00:01.000Z'],
  );
  value(await recorder.save());
  assert.equal(saves.length, 2, 'nothing left to save');
});

test('a failed save is the first error, and every later save says it too; a pool not kept is not saved', async () => {
  const { store, saves, fail } = countingStore();
  const recorder = observationRecorder(store, fleet, actor('r1'));
  value(await recorder.record(observed('Paused'), t0));
  value(await recorder.save(1, (p) => p !== 'a'));
  assert.equal(saves, ['b'], 'a (its lock lost) dropped');
  fail();
  value(await recorder.record(observed('Paused'), t0 + 1000));
  const failed = await recorder.save(1);
  assert.ok(failed.isErr() && failed.error.message.includes('disk full'));
  const later = await recorder.save();
  assert.ok(later.isErr() && later.error.message.includes('disk full'), 'the error stays');
});

test.run();
