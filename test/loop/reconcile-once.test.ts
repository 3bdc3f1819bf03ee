// One watch round at a time (no real-time watch): what it writes to status (conditions, pool summaries, the
// applied and attempted revisions) and when it asks to be requeued.
import { errAsync } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { createSimulatedDriver } from '../../reconciler/drivers/simulated/index.ts';
import { driverError } from '../../reconciler/errors.ts';
import {
  type LoopEvent,
  type LoopState,
  type ReconcileResult,
  reconcileOnce,
  type SourceRead,
} from '../../reconciler/loop/index.ts';
import type { PoolSpec } from '../../reconciler/model.ts';
import { desired, pool, servers } from '../helpers/builders/fleet.ts';
import { runningServer, runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const rev = (id: string) => ({ id, author: null, subject: null });
const valid = (p: PoolSpec, id: string): SourceRead => ({
  kind: 'valid',
  desired: desired(p),
  revision: rev(id),
});

/**
 * A simulated fleet of `p`'s servers (RTCSRV Running, no sessions) and a loop over it; `round(read)` runs one
 * reconcile reading `read`. With `failSteps`, every step fails (observing still works).
 */
function loopOver(
  p: PoolSpec,
  options: { mode?: 'apply' | 'monitor'; failSteps?: boolean; requeueMs?: number } = {},
) {
  const world = tempTree();
  const server = runningServer(p.services, runningService(0, { since: 0 }));
  writeWorld(world, p.name, {
    servers: Object.fromEntries(p.servers.map((s) => [s.name, server])),
  });
  const mode = options.mode ?? 'apply';
  const state: LoopState = {
    lastGood: null,
    status: {
      formatVersion: 1,
      source: 'test',
      mode,
      lastAppliedRevision: null,
      lastAttemptedRevision: null,
      conditions: [],
      pools: [],
      lastReconcile: null,
    },
  };
  const events: LoopEvent[] = [];
  let clock = 1_000;
  const sleep = async (ms: number) => {
    clock += ms;
  };
  const round = (read: SourceRead): Promise<ReconcileResult> =>
    reconcileOnce(
      {
        source: { describe: 'test', watchPath: null, read: async () => read },
        mode,
        openDrivers: (d) => {
          const drivers = new Map<string, Driver>(
            d.pools.map((spec) => {
              const simulated = createSimulatedDriver(spec, {
                stateDir: world,
                now: () => clock,
                sleep,
                random: () => 0,
              });
              const driver: Driver = options.failSteps
                ? {
                    observe: (...args) => simulated.observe(...args),
                    run: () => errAsync(driverError('AccessDenied', 'access denied (test)')),
                    close: () => simulated.close(),
                  }
                : simulated;
              return [spec.name, driver];
            }),
          );
          return {
            drivers,
            close: async () => {
              for (const driver of drivers.values()) await driver.close();
            },
          };
        },
        audit: () => {},
        writeStatus: () => {},
        concurrency: 4,
        retry: { attempts: 1, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 },
        ...(options.requeueMs === undefined ? {} : { requeueMs: options.requeueMs }),
        now: () => clock,
        sleep,
        emit: (event) => events.push(event),
      },
      state,
    );
  return { state, events, round };
}

const brief = (state: LoopState) =>
  state.status.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);

test('a clean round applies its revision, writes conditions and summaries, and asks for no requeue', async () => {
  const p = pool('p', servers(2));
  const loop = loopOver(p);
  const result = await loop.round(valid(p, 'r1'));
  assert.equal(result, { requeueAfterMs: null });
  assert.is(loop.state.status.lastAppliedRevision?.id, 'r1');
  assert.is(loop.state.status.lastAttemptedRevision?.id, 'r1');
  assert.equal(brief(loop.state), [
    'Ready=true/ReconciliationSucceeded',
    'Reconciling=false/Idle',
    'Stalled=false/Progressing',
  ]);
  assert.equal(
    loop.state.status.pools.map((s) => [s.name, s.servers, s.changes]),
    [['p', 2, 0]],
  );
});

test('the plan event carries the round fleet status (computed once, for status, progress and surfaces)', async () => {
  const p = pool('p', servers(2, [1]));
  const loop = loopOver(p, { mode: 'monitor' });
  await loop.round(valid(p, 'r1'));
  const plan = loop.events.find((e) => e.kind === 'plan');
  assert.ok(plan?.kind === 'plan');
  assert.equal(
    plan.pools[0]?.servers.map((s) => [s.name, s.services[0]?.desired, s.services[0]?.sync]),
    [
      ['s1', 'draining', 'OutOfSync'],
      ['s2', 'active', 'Synced'],
    ],
  );
  assert.is(loop.state.status.pools[0]?.draining, 1);
});

test('a round whose steps fail keeps the previous lastAppliedRevision; lastAttemptedRevision moves', async () => {
  const p = pool('p', servers(2));
  const loop = loopOver(p, { failSteps: true });
  await loop.round(valid(p, 'r1'));
  assert.is(loop.state.status.lastAppliedRevision?.id, 'r1');
  const drain = pool('p', servers(2, [1]));
  await loop.round(valid(drain, 'r2'));
  assert.is(loop.state.status.lastAppliedRevision?.id, 'r1', 'a failed step: not applied');
  assert.is(loop.state.status.lastAttemptedRevision?.id, 'r2');
  assert.ok(
    loop.events.some((e) => e.kind === 'step' && e.entry.outcome === 'error'),
    'the step ran and failed',
  );
});

test('a round with a blocked change keeps the previous lastAppliedRevision; lastAttemptedRevision moves', async () => {
  const p = pool('p', servers(3));
  const loop = loopOver(p);
  await loop.round(valid(p, 'r1'));
  const two = pool('p', servers(3, [1, 2]));
  const result = await loop.round(valid(two, 'r2'));
  assert.is(loop.state.status.lastAppliedRevision?.id, 'r1', 'a blocked change: not applied');
  assert.is(loop.state.status.lastAttemptedRevision?.id, 'r2');
  assert.equal(brief(loop.state)[0], 'Ready=false/Blocked');
  assert.ok((loop.state.status.lastReconcile?.executed ?? 0) > 0, 's1 drained meanwhile');
  assert.equal(result, { requeueAfterMs: 1000 }, 'steps ran: look again soon');
});

test('monitor mode never sets lastAppliedRevision; steps to run (not run) ask for no requeue', async () => {
  const p = pool('p', servers(2, [1]));
  const loop = loopOver(p, { mode: 'monitor' });
  const result = await loop.round(valid(p, 'r1'));
  assert.is(loop.state.status.lastAppliedRevision, null);
  assert.is(loop.state.status.lastAttemptedRevision?.id, 'r1');
  assert.equal(result, { requeueAfterMs: null });
});

test('a round that ran steps asks to be requeued after requeueMs', async () => {
  const p = pool('p', servers(2));
  const loop = loopOver(p, { requeueMs: 250 });
  await loop.round(valid(p, 'r1'));
  const result = await loop.round(valid(pool('p', servers(2, [2])), 'r2'));
  assert.ok((loop.state.status.lastReconcile?.executed ?? 0) > 0);
  assert.equal(result, { requeueAfterMs: 250 });
  assert.is(loop.state.status.lastAppliedRevision?.id, 'r2');
});

test.run();
