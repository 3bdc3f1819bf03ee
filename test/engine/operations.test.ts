// The engine's operations called directly: openEngine, planOnce, applyOnce, history, unlock, retryHook.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyOnce } from '../../reconciler/engine/apply-once.ts';
import { history } from '../../reconciler/engine/history.ts';
import { openEngine, openStore } from '../../reconciler/engine/open-engine.ts';
import { planOnce } from '../../reconciler/engine/plan-once.ts';
import { statusOnce } from '../../reconciler/engine/status-once.ts';
import { unlock } from '../../reconciler/engine/unlock.ts';
import { openFolderStore } from '../../reconciler/state/folder/folder-store.ts';
import { desired, pool, servers } from '../helpers/builders/fleet.ts';
import { runningServer, runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { engineOn, fileAt, fixedSource, testConfig, worldOf } from './engine-harness.ts';

const apply = { wait: false, timeoutMs: 60_000, lockTimeoutMs: 0, retryHook: null };

test('openEngine prints nothing and says what went wrong as an EngineError', async () => {
  const dir = tempTree({});
  const p = pool('p', servers(2));
  const badDir = await openEngine(fixedSource(desired(p)), testConfig(fileAt(dir, 'state')));
  assert.is(badDir._unsafeUnwrapErr().kind, 'BadStateDir');
  const invalid = await openEngine(
    fixedSource({
      kind: 'invalid',
      revision: { id: 'r2', author: null, subject: null },
      issues: [],
    }),
    testConfig(dir),
  );
  assert.equal(invalid._unsafeUnwrapErr(), {
    kind: 'InvalidDesiredState',
    revision: { id: 'r2', author: null, subject: null },
    issues: [],
  });
  const unavailable = await openEngine(
    fixedSource({
      kind: 'unavailable',
      error: { kind: 'Unreachable', message: 'no route' },
      retryInMs: 0,
    }),
    testConfig(dir),
  );
  assert.equal(unavailable._unsafeUnwrapErr(), {
    kind: 'SourceUnavailable',
    source: 'test-source',
    error: { kind: 'Unreachable', message: 'no route' },
  });
  const badUrl = await openEngine(
    fixedSource(desired(p)),
    testConfig(dir, { store: { url: 'mysql://db/x' } }),
  );
  assert.is(badUrl._unsafeUnwrapErr().kind, 'State');
});

test('history, unlock and the store watch and serve open refuse a state dir that is a file (BadStateDir), reading nothing', async () => {
  const dir = tempTree({});
  const file = fileAt(dir, 'state');
  const config = testConfig(file);
  const listed = await history(config, {});
  assert.is(listed._unsafeUnwrapErr().kind, 'BadStateDir');
  const freed = await unlock(config, 'p', 'some-id');
  assert.equal(freed._unsafeUnwrapErr(), {
    kind: 'BadStateDir',
    message: `cannot use ${file} as the state dir: it is a file, not a directory; pick another --state-dir`,
  });
  assert.is((await openStore(config))._unsafeUnwrapErr().kind, 'BadStateDir');
});

test('planOnce observes, plans and changes nothing', async () => {
  const p = pool('p', servers(3, [2]));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir);
  const planned = (await planOnce(engine, { fromStore: false }))._unsafeUnwrap();
  await engine.close();
  assert.is(planned.notes, null);
  assert.equal(
    planned.planned.plan.changes.map((c) => `${c.server}:${c.action}`),
    ['s2:set-startup-type', 's2:pause'],
  );
  assert.equal((await history(testConfig(dir), {}))._unsafeUnwrap(), [], 'nothing audited');
});

test('applyOnce drains under the locks, audits, records the fleet; a second run does nothing', async () => {
  const p = pool('p', servers(3, [2]));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir);
  const seen: string[] = [];
  const outcome = await applyOnce(engine, apply, {
    plan: ({ plan }) => seen.push(`plan ${plan.changes.length}`),
    step: (change, result) => seen.push(`${change.server}:${change.action}:${result}`),
  });
  await engine.close();
  const { result, clean } = outcome._unsafeUnwrap();
  assert.ok(clean, 'ended clean: its revision is applied');
  assert.is(result.executed, 2);
  assert.equal(result.failures, []);
  assert.equal(seen, ['plan 2', 's2:set-startup-type:ok', 's2:pause:ok']);
  const audit = (await history(testConfig(dir), { pool: 'p' }))._unsafeUnwrap();
  assert.equal(
    audit.map((r) => `${'server' in r ? r.server : ''}:${r.action}`),
    ['s2:set-startup-type', 's2:pause'],
  );
  // The store holds where things stand after the steps: plan --from-store reads it.
  const again = await engineOn(p, dir);
  const fromStore = (await planOnce(again, { fromStore: true }))._unsafeUnwrap();
  assert.match(fromStore.notes?.[0] ?? '', /^p: observed .* by apply on test-host \(pid 4242\)$/);
  assert.equal(fromStore.planned.plan.changes, []);
  const second = (await applyOnce(again, apply))._unsafeUnwrap();
  await again.close();
  assert.is(second.result.executed, 0);
});

test('applyOnce observes each server once and a stepped server after each step, the last read-back with sessions kept for the store: no observe at the end', async () => {
  const p = pool('p', servers(6, [2]));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir);
  const driver = engine.drivers.get('p');
  if (driver === undefined) throw new Error('no driver for p');
  const observes: string[] = [];
  const sessions: (boolean | undefined)[] = [];
  engine.drivers.set('p', {
    ...driver,
    observe: (server, services, options) => {
      observes.push(server);
      if (server === 's2') sessions.push(options?.sessions);
      return driver.observe(server, services, options);
    },
    run: (server, service, step) => driver.run(server, service, step),
    close: () => driver.close(),
  });
  const { result } = (await applyOnce(engine, apply))._unsafeUnwrap();
  await engine.close();
  assert.is(result.executed, 2);
  const count = (server: string) => observes.filter((s) => s === server).length;
  // the pass; after each of 2 steps (the last one with sessions: where the run leaves s2, for the store)
  assert.equal(
    [1, 2, 3, 4, 5, 6].map((i) => count(`s${i}`)),
    [1, 3, 1, 1, 1, 1],
  );
  assert.equal(sessions, [undefined, false, true]);
  // the store holds the end: the stepped servers as they are now
  const again = await engineOn(p, dir);
  const fromStore = (await planOnce(again, { fromStore: true }))._unsafeUnwrap();
  await again.close();
  assert.equal(fromStore.planned.plan.changes, []);
});

test('plan --from-store before any run: every pool never observed, its servers NotFound', async () => {
  const p = pool('p', servers(2));
  const engine = await engineOn(p, worldOf(p));
  const planned = (await planOnce(engine, { fromStore: true }))._unsafeUnwrap();
  await engine.close();
  assert.equal(planned.notes, ['p: never observed']);
  assert.equal(
    planned.planned.plan.errors.map((e) => e.kind),
    ['NotFound', 'NotFound'],
  );
});

test('statusOnce reads the fleet, the rounds and the owners without writing', async () => {
  const p = pool('p', servers(2, [1]));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir, { locks: false });
  const status = (await statusOnce(engine))._unsafeUnwrap();
  await engine.close();
  assert.equal(
    status.pools.map((s) => s.name),
    ['p'],
  );
  assert.equal(status.owners, []);
  assert.is(status.plan.changes.length, 2);
});

test('applyOnce fails as a Locked StateError while another holds a pool; unlock releases it (audited)', async () => {
  const p = pool('p', servers(2, [1]));
  const dir = worldOf(p);
  const other = openFolderStore(dir);
  const held = (
    await other.acquireLock({
      pool: 'p',
      actor: { host: 'elsewhere', pid: 1, command: 'apply', ciJobUrl: null },
      revision: null,
      timeoutMs: 0,
    })
  )._unsafeUnwrap();
  const engine = await engineOn(p, dir);
  const blocked = await applyOnce(engine, apply);
  await engine.close();
  const error = blocked._unsafeUnwrapErr();
  assert.is(error.kind, 'State');
  assert.is(error.kind === 'State' && error.error.kind, 'Locked');
  const freed = await unlock(testConfig(dir, { locks: false }), 'p', held.holder.id);
  assert.is(freed._unsafeUnwrap().host, 'elsewhere');
  const audit = (await history(testConfig(dir), {}))._unsafeUnwrap();
  assert.equal(
    audit.map((r) => r.action),
    ['force-unlock'],
  );
  const wrongId = await unlock(testConfig(dir), 'p', 'no-such-id');
  assert.is(wrongId._unsafeUnwrapErr().kind, 'State');
  await other.close();
});

test('applyOnce with a pool held by another: Locked, no step in any pool, the locks it took released', async () => {
  const a = pool('a', servers(2, [1]));
  const b = pool('b', servers(2, [1]));
  const dir = worldOf(a);
  writeWorld(dir, 'b', {
    servers: Object.fromEntries(
      b.servers.map((s) => [s.name, runningServer(b.services, runningService(0))]),
    ),
  });
  const other = openFolderStore(dir);
  const elsewhere = { host: 'elsewhere', pid: 1, command: 'apply', ciJobUrl: null };
  const held = await other.acquireLock({
    pool: 'b',
    actor: elsewhere,
    revision: null,
    timeoutMs: 0,
  });
  assert.ok(held.isOk());
  // a's lock is taken (and its servers observed) before b's is refused.
  const opened = (await openEngine(fixedSource(desired(a, b)), testConfig(dir)))._unsafeUnwrap();
  const blocked = await applyOnce(opened, apply);
  await opened.close();
  const error = blocked._unsafeUnwrapErr();
  assert.is(error.kind === 'State' && error.error.kind, 'Locked');
  assert.equal(
    (await history(testConfig(dir), {}))._unsafeUnwrap(),
    [],
    'no step, nothing audited',
  );
  const holders = (await other.lockHolders())._unsafeUnwrap();
  assert.equal(
    holders.map((h) => `${h.pool}:${h.host}`),
    ['b:elsewhere'],
  );
  await other.close();
});

test('applyOnce with --lock-timeout says once which lock it waits for and how long, then runs when it is freed', async () => {
  const p = pool('p', servers(2, [1]));
  const dir = worldOf(p);
  const other = openFolderStore(dir);
  const elsewhere = { host: 'elsewhere', pid: 1, command: 'apply', ciJobUrl: null };
  const held = (
    await other.acquireLock({ pool: 'p', actor: elsewhere, revision: null, timeoutMs: 0 })
  )._unsafeUnwrap();
  setTimeout(() => void held.release(), 300);
  const engine = await engineOn(p, dir);
  const said: string[] = [];
  const done = await applyOnce(
    engine,
    { ...apply, lockTimeoutMs: 10_000 },
    { warn: (line) => said.push(line) },
  );
  await engine.close();
  await other.close();
  assert.ok(done.isOk(), JSON.stringify(done));
  assert.is(said.length, 1, said.join('\n'));
  assert.match(
    said[0] ?? '',
    /^pool p is locked by apply on elsewhere \(pid 1\).*; waiting up to 10s \(--lock-timeout\)$/,
  );
  assert.not.match(said[0] ?? '', /wait for it/);
});

test('retryHook refuses what it cannot retry, in one line, before anything runs', async () => {
  const p = pool('p', servers(2));
  const dir = worldOf(p);
  const engine = await engineOn(p, dir);
  const unknown = await applyOnce(engine, {
    ...apply,
    retryHook: { pool: 'q', server: 's1' },
  });
  assert.equal(unknown._unsafeUnwrapErr(), {
    kind: 'Refused',
    message: 'no pool q in the desired state; did you mean `p`? (pools: p)',
  });
  const noRound = await applyOnce(engine, { ...apply, retryHook: { pool: 'p', server: 's1' } });
  await engine.close();
  assert.equal(noRound._unsafeUnwrapErr(), {
    kind: 'Refused',
    message: 'pool p declares no spec.maintenance',
  });
  assert.equal((await history(testConfig(dir), {}))._unsafeUnwrap(), []);
});

test.run();
