// A return puts back the startup type its drain found (simulated driver, folder store, through applyOnce).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyOnce } from '../../reconciler/engine/apply-once.ts';
import { planOnce } from '../../reconciler/engine/plan-once.ts';
import type { Mode, PoolSpec, StartType } from '../../reconciler/model.ts';
import { openFolderStore } from '../../reconciler/state/folder/index.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { engineOn } from './engine-harness.ts';

const apply = { wait: true, timeoutMs: 20_000, lockTimeoutMs: 0, retryHook: null };

/** The pool with s1 in `mode` and s2 active. */
const fe = (mode: Mode): PoolSpec => pool('fe', { s1: mode, s2: 'active' });

/** One apply of `spec`: the reasons of the steps it ran on s1. */
async function run(spec: PoolSpec, dir: string): Promise<string[]> {
  const engine = await engineOn(spec, dir);
  const ran: string[] = [];
  const outcome = (
    await applyOnce(engine, apply, {
      step: (c, result) => {
        if (c.server === 's1') ran.push(`${c.action}:${c.after.startType}:${c.reason}:${result}`);
      },
    })
  )._unsafeUnwrap();
  await engine.close();
  assert.equal(outcome.result.failures, []);
  return ran;
}

const startTypeOf = (dir: string): StartType => {
  const world = JSON.parse(readFileSync(join(dir, 'simulated', 'fe.json'), 'utf8'));
  return world.servers.s1.services.RTCSRV.startType;
};

function world(startType: StartType, status: 'Running' | 'Paused' = 'Running'): string {
  const dir = tempTree({});
  const server = (type: StartType, s: typeof status) => ({
    fault: null,
    latencyMs: 0,
    services: { RTCSRV: runningService(0, { startType: type, status: s }) },
  });
  writeWorld(dir, 'fe', {
    servers: { s1: server(startType, status), s2: server('Automatic', 'Running') },
  });
  return dir;
}

for (const before of ['AutomaticDelayed', 'Manual', 'Automatic'] as const) {
  test(`a drain of a ${before} service returns it ${before}`, async () => {
    const dir = world(before);
    await run(fe('draining'), dir);
    assert.is(startTypeOf(dir), 'Manual');
    const back = await run(fe('active'), dir);
    assert.is(startTypeOf(dir), before);
    if (before !== 'Manual')
      assert.match(
        back[0] ?? '',
        `set-startup-type:${before}:server is active; as before its drain: ${before}`,
      );
    // Back and synced: nothing more to do, and the record is gone.
    assert.equal(await run(fe('active'), dir), []);
    assert.is(startTypeOf(dir), before);
    const records = (await openFolderStore(dir).drains('fe'))._unsafeUnwrap();
    assert.not.ok(records.some((r) => r.server === 's1'));
  });
}

test('a drain made by hand (no record) returns Automatic and says so', async () => {
  const dir = world('Manual', 'Paused');
  const back = await run(fe('active'), dir);
  assert.equal(back, [
    'set-startup-type:Automatic:server is active; no drain record says what it was before: Automatic:ok',
    'resume:Automatic:server is active:ok',
  ]);
  assert.is(startTypeOf(dir), 'Automatic');
});

test('a crash between a drain step and its audit loses no startup type: the drain record was written first', async () => {
  const dir = world('AutomaticDelayed');
  const engine = await engineOn(fe('draining'), dir);
  // The steps happen but none of their audit records does (as when quiesce is killed right after each).
  (engine.store as { recordStep: unknown }).recordStep = async () => ok(undefined);
  (await applyOnce(engine, { ...apply, wait: false }))._unsafeUnwrap();
  await engine.close();
  assert.is(startTypeOf(dir), 'Manual');
  await run(fe('active'), dir);
  assert.is(startTypeOf(dir), 'AutomaticDelayed');
});

test('plan shows the startup type the return puts back, as apply then sets it', async () => {
  const dir = world('AutomaticDelayed');
  await run(fe('draining'), dir);
  const engine = await engineOn(fe('active'), dir);
  const planned = (await planOnce(engine, { fromStore: false }))._unsafeUnwrap();
  await engine.close();
  const back = planned.planned.plan.changes.find(
    (c) => c.server === 's1' && c.action === 'set-startup-type',
  );
  assert.is(back?.after.startType, 'AutomaticDelayed');
  assert.match(back?.reason ?? '', /as before its drain: AutomaticDelayed/);
  assert.is(startTypeOf(dir), 'Manual');
});

test.run();
