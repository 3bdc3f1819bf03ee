// Full drains and returns by each drain.method through applyOnce on the simulated driver: graceful-stop
// (StopPending until its sessions end, then Stopped; the return starts it with its startup type back) and
// failover (the whole server out, Disabled; the return puts the startup types back, then fails back), each step
// audited.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSimulatedDriver } from '../../reconciler/drivers/simulated/index.ts';
import { applyOnce } from '../../reconciler/engine/apply-once.ts';
import { history } from '../../reconciler/engine/history.ts';
import type { DrainMethod, Mode, PoolSpec } from '../../reconciler/model.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { engineOn, testConfig } from './engine-harness.ts';

const HOUR = 3_600_000;
const SERVICES = ['RTCSRV', 'RTCMEDSRV'];
const apply = { wait: false, timeoutMs: 20_000, lockTimeoutMs: 0, retryHook: null };
const spec = (method: DrainMethod, s1: Mode): PoolSpec => {
  const p = pool('fe', { s1, s2: 'active', s3: 'active' }, { services: SERVICES });
  return { ...p, drain: { timeoutMs: 2 * HOUR, allowSessionLoss: false, method } };
};

/** A world of three servers whose RTCSRV holds 6 sessions (ending within 4 s of a drain) and starts delayed. */
function world() {
  const dir = tempTree({});
  const server = {
    fault: null,
    latencyMs: 0,
    services: {
      RTCSRV: runningService(6, { startType: 'AutomaticDelayed', sessionMs: 2000 }),
      RTCMEDSRV: runningService(0, { startType: 'Manual' }),
    },
  };
  writeWorld(dir, 'fe', { servers: { s1: server, s2: server, s3: server } });
  return dir;
}

function harness(dir: string) {
  const now = Date.now;
  const run = async (p: PoolSpec) => {
    const engine = await engineOn(p, dir, { now });
    const outcome = (await applyOnce(engine, apply))._unsafeUnwrap();
    await engine.close();
    return outcome;
  };
  /** s1's services as the driver sees them now: `status/startType sessions`. */
  const s1 = async (p: PoolSpec) => {
    const driver = createSimulatedDriver(p, { stateDir: dir, now });
    const seen = (await driver.observe('s1', SERVICES))._unsafeUnwrap();
    await driver.close();
    return seen.map((s) => `${s.name} ${s.status}/${s.startType} ${s.sessions}`);
  };
  return { run, s1 };
}

const steps = async (dir: string) =>
  (
    (await history(testConfig(dir), { pool: 'fe' }))._unsafeUnwrap() as {
      action: string;
      service?: string;
      outcome: string;
    }[]
  ).map((r) => `${r.service} ${r.action} ${r.outcome}`);

const ended = () => new Promise((r) => setTimeout(r, 4500)); // every session of the drain has ended
const settle = () => new Promise((r) => setTimeout(r, 600)); // the simulated pending states pass

test('graceful-stop: drained when its sessions end, returned with its startup type; every step audited', async () => {
  const dir = world();
  const { run, s1 } = harness(dir);
  const first = await run(spec('graceful-stop', 'draining'));
  assert.equal(first.result.failures, []);
  // The simulated driver runs on the real clock: its sessions end within 4 s (floor of a decay).
  assert.match(
    (await s1(spec('graceful-stop', 'draining'))).join(', '),
    /^RTCSRV StopPending\/Manual [1-6], RTCMEDSRV Stopped\/Manual 0$/,
  );
  // Still stopping: no step, nothing to wait on within seconds, the drain's sessions counted.
  const draining = await run(spec('graceful-stop', 'draining'));
  assert.is(draining.result.executed, 0);
  assert.equal(draining.result.lastPlan.waiting, []);
  assert.ok(draining.result.lastPlan.summary.drainingSessions > 0);
  assert.is(draining.result.lastPlan.summary.converged, false);
  await ended();
  assert.equal(await s1(spec('graceful-stop', 'draining')), [
    'RTCSRV Stopped/Manual 0',
    'RTCMEDSRV Stopped/Manual 0',
  ]);
  const drained = await run(spec('graceful-stop', 'draining'));
  assert.is(drained.result.executed, 0);
  assert.is(drained.result.lastPlan.summary.converged, true);
  const back = await run(spec('graceful-stop', 'active'));
  assert.equal(back.result.failures, []);
  await settle();
  assert.equal(await s1(spec('graceful-stop', 'active')), [
    'RTCSRV Running/AutomaticDelayed 0',
    'RTCMEDSRV Running/Manual 0',
  ]);
  assert.equal(await steps(dir), [
    'RTCSRV set-startup-type ok',
    'RTCSRV graceful-stop ok',
    'RTCMEDSRV graceful-stop ok',
    'RTCSRV set-startup-type ok',
    'RTCSRV start ok',
    'RTCMEDSRV start ok',
  ]);
});

test('failover: the whole server out and Disabled, then failed back with each startup type as before', async () => {
  const dir = world();
  const { run, s1 } = harness(dir);
  const out = await run(spec('failover', 'draining'));
  assert.equal(out.result.failures, []);
  assert.match(
    (await s1(spec('failover', 'draining'))).join(', '),
    /^RTCSRV StopPending\/Disabled [1-6], RTCMEDSRV Stopped\/Disabled 0$/,
  );
  await ended();
  assert.is((await run(spec('failover', 'draining'))).result.lastPlan.summary.converged, true);
  const back = await run(spec('failover', 'active'));
  assert.equal(back.result.failures, []);
  await settle();
  assert.equal(await s1(spec('failover', 'active')), [
    'RTCSRV Running/AutomaticDelayed 0',
    'RTCMEDSRV Running/Manual 0',
  ]);
  assert.equal(await steps(dir), [
    'RTCSRV set-startup-type ok',
    'RTCSRV failover ok',
    'RTCMEDSRV failover ok',
    'RTCSRV set-startup-type ok',
    'RTCMEDSRV set-startup-type ok',
    'RTCSRV failback ok',
    'RTCMEDSRV failback ok',
  ]);
  // Converged after the return: nothing left to do, the drain records closed.
  assert.is((await run(spec('failover', 'active'))).result.executed, 0);
});

test('failover past -WaitTime (drain.timeout): the step fails and says why; the services keep running', async () => {
  const dir = tempTree({});
  const server = {
    fault: null,
    latencyMs: 0,
    services: {
      RTCSRV: runningService(50, { sessionMs: 100 * HOUR }),
      RTCMEDSRV: runningService(0),
    },
  };
  writeWorld(dir, 'fe', { servers: { s1: server, s2: server, s3: server } });
  const { run, s1 } = harness(dir);
  const failed = await run(spec('failover', 'draining'));
  assert.equal(
    failed.result.failures.map((f) => `${f.service} ${f.action} ${f.kind}`),
    ['RTCSRV failover Unexpected'],
  );
  assert.match(failed.result.failures[0]!.message, /more than -WaitTime 120 min \(drain.timeout\)/);
  const seen = await s1(spec('failover', 'draining'));
  assert.match(seen[0]!, /^RTCSRV Running\/Manual \d+$/);
  assert.is(
    JSON.parse(readFileSync(join(dir, 'simulated', 'fe.json'), 'utf8')).servers.s1.services.RTCSRV
      .status,
    'Running',
  );
});

test.run();
