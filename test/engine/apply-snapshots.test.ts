// apply's snapshots: a single pass saves each pool's once, where it ends; a save that fails stops the run.
import { err, ResultAsync } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { applyOnce } from '../../reconciler/engine/apply-once.ts';
import { history } from '../../reconciler/engine/history.ts';
import { type Engine, openEngine } from '../../reconciler/engine/open-engine.ts';
import { stateError } from '../../reconciler/errors.ts';
import { POOL_VIEW_KIND } from '../../reconciler/serve/pool-views.ts';
import { sleep } from '../../reconciler/sleep.ts';
import type { PoolSnapshot } from '../../reconciler/state/pool-snapshot.ts';
import { desired, pool, servers } from '../helpers/builders/fleet.ts';
import { runningServer, runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { engineOn, fixedSource, testConfig, worldOf } from './engine-harness.ts';

const apply = { wait: false, timeoutMs: 60_000, lockTimeoutMs: 0, retryHook: null };

/** Counts the engine's snapshot saves; each fails once `failing` says so. */
function countSaves(engine: Engine, failing = () => false) {
  const saves: PoolSnapshot[] = [];
  const store = engine.store as { saveSnapshot: Engine['store']['saveSnapshot'] };
  const save = store.saveSnapshot.bind(engine.store);
  store.saveSnapshot = async (snapshot) => {
    saves.push(snapshot);
    return failing()
      ? err(stateError('Io', `cannot write snapshots/${snapshot.pool}.json: disk full`))
      : save(snapshot);
  };
  return saves;
}

test('a single pass saves each pool snapshot once, after its steps, where it left the pool', async () => {
  const p = pool('p', servers(3, [2]));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir);
  const saves = countSaves(engine);
  const { result } = (await applyOnce(engine, apply))._unsafeUnwrap();
  await engine.close();
  assert.is(result.executed, 2);
  assert.is(saves.length, 1, 'not once before the steps and once after');
  const s2 = saves[0]?.servers.s2;
  assert.ok(s2?.ok && s2.services[0]?.startType === 'Manual', 'the read-back after the steps');
});

test('a single pass saves a pool done stepping while another pool still steps (not all at the end)', async () => {
  const p = pool('p', servers(2, [1]));
  const q = pool('q', servers(2, [1]));
  const dir = worldOf(p);
  writeWorld(dir, 'q', {
    servers: { s1: runningServer(['RTCSRV'], runningService(0)), s2: runningServer(['RTCSRV']) },
  });
  const opened = await openEngine(fixedSource(desired(p, q)), testConfig(dir));
  const engine = opened._unsafeUnwrap();
  const saves = countSaves(engine);
  // q's steps wait until p's snapshot is saved (or 2 s: then p's came only at the end).
  let pSaved: () => void = () => {};
  const pDone = new Promise<void>((resolve) => {
    pSaved = resolve;
  });
  const store = engine.store as { saveSnapshot: Engine['store']['saveSnapshot'] };
  const save = store.saveSnapshot.bind(engine.store);
  store.saveSnapshot = async (snapshot) => {
    const saved = await save(snapshot);
    if (snapshot.pool === 'p') pSaved();
    return saved;
  };
  let gate: 'p saved first' | 'timed out' | null = null;
  const driver = engine.drivers.get('q') as Driver;
  const run = driver.run.bind(driver);
  driver.run = (server, service, step) =>
    new ResultAsync(
      (async () => {
        gate ??= await Promise.race([
          pDone.then(() => 'p saved first' as const),
          sleep(2_000).then(() => 'timed out' as const),
        ]);
        return run(server, service, step);
      })(),
    );
  const { result } = (await applyOnce(engine, apply))._unsafeUnwrap();
  await engine.close();
  assert.is(result.executed, 4);
  assert.is(gate, 'p saved first', "p's snapshot was saved before q's steps");
  assert.equal(saves.map((s) => s.pool).sort(), ['p', 'q'], 'each pool once');
  for (const saved of saves) {
    const s1 = saved.servers.s1;
    assert.ok(s1?.ok && s1.services[0]?.startType === 'Manual', `${saved.pool}: after its steps`);
  }
});

test('a snapshot that cannot be saved fails the run, and no pool view claims it', async () => {
  const p = pool('p', servers(3, [2]));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir);
  countSaves(engine, () => true);
  const outcome = await applyOnce(engine, apply);
  const views = await engine.store.listRecords(POOL_VIEW_KIND);
  await engine.close();
  const failed = outcome._unsafeUnwrapErr();
  assert.is(failed.kind, 'State');
  assert.match(JSON.stringify(failed), /snapshots\/p\.json: disk full/);
  assert.equal(views._unsafeUnwrap(), [], 'the view is written only once the snapshots are');
});

test('apply --wait saves each round as it goes: a failed save stops the run (no round after it)', async () => {
  const p = pool('p', servers(3, [2]));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir);
  const saves = countSaves(engine, () => true);
  const outcome = await applyOnce(engine, { ...apply, wait: true });
  await engine.close();
  assert.match(JSON.stringify(outcome._unsafeUnwrapErr()), /disk full/);
  assert.is(saves.length, 1, 'the first round saved, and failed');
  const steps = (await history(testConfig(dir), { pool: 'p' }))._unsafeUnwrap();
  assert.ok(steps.length <= 2, 'at most the first round began');
});

test('apply --wait saves each round as it goes (status follows it), then where it ends', async () => {
  const p = pool('p', servers(2, [2]));
  const dir = tempTree({});
  // Sessions on s2 that end within a few rounds (QUIESCE_SIM_SESSION_SECONDS: their mean lifetime).
  writeWorld(dir, 'p', {
    servers: { s1: runningServer(['RTCSRV']), s2: runningServer(['RTCSRV'], runningService(3)) },
  });
  const engine = await engineOn(p, dir, { sessionSeconds: 0.3 });
  const saves = countSaves(engine);
  const { result } = (await applyOnce(engine, { ...apply, wait: true }))._unsafeUnwrap();
  await engine.close();
  assert.ok(result.executed > 0);
  assert.ok(saves.length > 1, `a round saved while the run waited (${saves.length} saves)`);
  const last = saves.at(-1)?.servers.s2;
  assert.ok(last?.ok && last.services[0]?.sessions === 0, 'the last save: drained');
});

test.run();
