// Apply's pool views in the store and the one rule for lastAppliedRevision: only a clean run (or reconcile) sets it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RoundRuntime } from '../../reconciler/apply/round-runtime.ts';
import { applyViewWriter, type ReconcileOfRun } from '../../reconciler/engine/view-writer.ts';
import type { Revision } from '../../reconciler/model.ts';
import { buildPlan } from '../../reconciler/plan/index.ts';
import type { PoolViewRecord } from '../../reconciler/report/stored-view.ts';
import { POOL_VIEW_KIND } from '../../reconciler/serve/index.ts';
import { openFolderStore } from '../../reconciler/state/folder/index.ts';
import type { StateStore } from '../../reconciler/state/store.ts';
import { desired, observe, pool } from '../helpers/builders/fleet.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const NOW = Date.parse('2026-03-01T02:00:00Z');
const rev = (id: string): Revision => ({ id, author: null, subject: null });
/** No maintenance in these pools: the last view never reads rollout records. */
const runtime = {
  records: {},
  hooks: { live: new Map() },
  gates: new Map(),
} as unknown as RoundRuntime;

const calm = pool('p', { 'fe01.x': 'active', 'fe02.x': 'active' });
const both = pool('p', { 'fe01.x': 'draining', 'fe02.x': 'draining' });

/** The lastAppliedRevision id of pool p's record, or null. */
async function appliedOf(store: StateStore): Promise<string | null> {
  const record = value(await store.getRecord(POOL_VIEW_KIND, 'p'))?.value as PoolViewRecord;
  return record.view.lastAppliedRevision?.id ?? null;
}

/** One apply's view writer for `spec` at `revision`, and the pass it reports (`failed` steps). */
function writerOf(store: StateStore, spec: typeof calm, revision: Revision, failed: number) {
  const state = desired(spec);
  const observed = observe([spec]);
  const plan = buildPlan(state, observed, NOW, revision);
  const views = applyViewWriter(
    store,
    'apply on test',
    { desired: state, revision, source: 'desired-state/', runtime, started: NOW },
    { clock: () => NOW + 1000, now: () => NOW + 1000 },
    (message) => assert.unreachable(message),
  );
  const pass: ReconcileOfRun = { observed, lastPlan: plan, executed: 1, failed };
  return { views, pass, plan };
}

/** Runs one apply's writer for `spec` at `revision`: a reconcile's view, then the last one. */
async function applyRun(store: StateStore, spec: typeof calm, revision: Revision, failed = 0) {
  const { views, pass, plan } = writerOf(store, spec, revision, failed);
  views.reconcile(pass);
  await views.settled();
  const during = await appliedOf(store);
  value(await views.final(pass));
  return { plan, during, after: await appliedOf(store) };
}

test('a clean apply records its revision as applied; a blocked one keeps the previous applied revision', async () => {
  const store = openFolderStore(tempTree());
  const clean = await applyRun(store, calm, rev('main@sha1:aaa'));
  assert.equal([clean.during, clean.after], ['main@sha1:aaa', 'main@sha1:aaa']);
  const blocked = await applyRun(store, both, rev('main@sha1:bbb'));
  assert.ok(blocked.plan.blocked.length > 0, 'the second drain is blocked by the budget');
  assert.equal([blocked.during, blocked.after], ['main@sha1:aaa', 'main@sha1:aaa']);
  const record = value(await store.getRecord(POOL_VIEW_KIND, 'p'))?.value as PoolViewRecord;
  assert.is(record.view.lastAttemptedRevision?.id, 'main@sha1:bbb', 'attempted is the run’s');
  await store.close();
});

test('an apply with a failed step keeps the previous applied revision; a pool never applied stays null', async () => {
  const store = openFolderStore(tempTree());
  const failed = await applyRun(store, calm, rev('main@sha1:ccc'), 1);
  assert.equal([failed.during, failed.after], [null, null]);
  const clean = await applyRun(store, calm, rev('main@sha1:ddd'));
  assert.is(clean.after, 'main@sha1:ddd');
  await store.close();
});

test("a clean single pass never reads the pools' earlier views; one that is not clean reads them once", async () => {
  const store = openFolderStore(tempTree());
  await applyRun(store, calm, rev('main@sha1:eee'));
  let reads = 0;
  const list = store.listRecords.bind(store);
  store.listRecords = (kind) => {
    reads++;
    return list(kind);
  };
  // A single pass: no reconcile's view, only the last one.
  const single = async (spec: typeof calm, revision: Revision, failed: number) => {
    const { views, pass } = writerOf(store, spec, revision, failed);
    value(await views.final(pass));
  };
  await single(calm, rev('main@sha1:fff'), 0);
  assert.is(reads, 0, 'a clean run sets every pool’s applied revision: nothing to keep');
  await single(calm, rev('main@sha1:ggg'), 1);
  assert.is(reads, 1);
  assert.is(await appliedOf(store), 'main@sha1:fff', 'the failed run kept the one before');
  await store.close();
});

test.run();
