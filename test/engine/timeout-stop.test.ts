// drain.onTimeout: stop through applyOnce on the simulated driver: stopped past the timeout (audited with the
// reason), then started with its startup type back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyOnce } from '../../reconciler/engine/apply-once.ts';
import { history } from '../../reconciler/engine/history.ts';
import type { Mode, PoolSpec } from '../../reconciler/model.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { engineOn, testConfig } from './engine-harness.ts';

const HOUR = 3_600_000;
const apply = { wait: false, timeoutMs: 20_000, lockTimeoutMs: 0, retryHook: null };
const fe = (mode: Mode): PoolSpec => {
  const p = pool('fe', { s1: mode, s2: 'active' });
  return { ...p, drain: { timeoutMs: 2 * HOUR, allowSessionLoss: false, onTimeout: 'stop' } };
};
const status = (dir: string) => {
  const world = JSON.parse(readFileSync(join(dir, 'simulated', 'fe.json'), 'utf8'));
  const s = world.servers.s1.services.RTCSRV;
  return `${s.status}/${s.startType}`;
};

test('a drain past drain.timeout is stopped and audited with the reason; the return starts it', async () => {
  const dir = tempTree({});
  // Sessions that never end by themselves; the service was Automatic (Delayed Start).
  const service = runningService(6, { startType: 'AutomaticDelayed', sessionMs: 1e12 });
  const server = { fault: null, latencyMs: 0, services: { RTCSRV: service } };
  writeWorld(dir, 'fe', { servers: { s1: server, s2: server } });
  let shift = 0;
  const now = () => Date.now() + shift;
  const run = async (spec: PoolSpec) => {
    // Sessions outlive the shifted clock: their mean lifetime is the driver's (QUIESCE_SIM_SESSION_SECONDS).
    const engine = await engineOn(spec, dir, { now, sessionSeconds: 1e9 });
    const outcome = (await applyOnce(engine, apply))._unsafeUnwrap();
    await engine.close();
    assert.equal(outcome.result.failures, []);
  };
  await run(fe('draining'));
  assert.is(status(dir), 'Paused/Manual');
  await new Promise((r) => setTimeout(r, 600)); // the simulated PausePending passes
  shift = 3 * HOUR;
  await run(fe('draining'));
  assert.is(status(dir), 'Stopped/Manual');
  const audit = (await history(testConfig(dir), { pool: 'fe' }))._unsafeUnwrap();
  const stop = audit.find((r) => r.action === 'stop');
  assert.ok(stop !== undefined && 'reason' in stop);
  assert.match(
    String(stop && 'reason' in stop ? stop.reason : ''),
    /past drain.timeout with \d+ sessions? left: stopped \(drain.onTimeout: stop\)$/,
  );
  await new Promise((r) => setTimeout(r, 600));
  await run(fe('active'));
  assert.is(status(dir), 'Running/AutomaticDelayed');
});

test('under a shifted clock (QUIESCE_CLOCK_OFFSET_MS) a fresh drain is not past its timeout', async () => {
  const dir = tempTree({});
  const service = runningService(6, { startType: 'Automatic', sessionMs: 1e12 });
  const server = { fault: null, latencyMs: 0, services: { RTCSRV: service } };
  writeWorld(dir, 'fe', { servers: { s1: server, s2: server } });
  // The rehearsal's clock is 3 h ahead from the start: the fleet's drain starts follow it too.
  const now = () => Date.now() + 3 * HOUR;
  for (let round = 0; round < 3; round++) {
    const engine = await engineOn(fe('draining'), dir, { now, sessionSeconds: 1e9 });
    (await applyOnce(engine, apply))._unsafeUnwrap();
    await engine.close();
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.is(status(dir), 'Paused/Manual');
  const audit = (await history(testConfig(dir), { pool: 'fe' }))._unsafeUnwrap();
  assert.equal(
    audit.map((r) => r.action),
    ['set-startup-type', 'pause'],
  );
});

test.run();
