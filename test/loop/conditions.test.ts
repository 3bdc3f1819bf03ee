// The Ready / Reconciling / Stalled conditions a watch round writes to status, one round at a time
// (no real-time watch): converged, blocked, driver errors, still draining, invalid and unavailable sources.
// The conditions live in loop/reconcile-once.ts today; issue 10 moves them to status/ (retarget then).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSimulatedDriver } from '../../reconciler/drivers/simulated/index.ts';
import type { LoadIssue } from '../../reconciler/errors.ts';
import {
  type Condition,
  type LoopState,
  reconcileOnce,
  type SourceRead,
} from '../../reconciler/loop/index.ts';
import type { PoolSpec } from '../../reconciler/model.ts';
import { desired, pool, servers } from '../helpers/fleet.ts';
import { runningServer, runningService, writeWorld } from '../helpers/simulated-world.ts';
import { tempTree } from '../helpers/temp-tree.ts';

const revision = { id: 'r1', author: null, subject: null };

/** One round against `p` over a simulated fleet (`sessions` each), reading `reads` in turn; its conditions. */
async function conditionsAfter(
  p: PoolSpec,
  reads: SourceRead[],
  options: { sessions?: number; unreachable?: string[]; mode?: 'apply' | 'monitor' } = {},
): Promise<Condition[]> {
  const state = tempTree();
  const server = runningServer(p.services, runningService(options.sessions ?? 0, { since: 0 }));
  writeWorld(state, p.name, {
    servers: Object.fromEntries(
      p.servers.map((s) => [
        s.name,
        options.unreachable?.includes(s.name)
          ? { ...server, fault: 'unreachable' as const }
          : server,
      ]),
    ),
  });
  const loop: LoopState = {
    lastGood: null,
    status: {
      formatVersion: 1,
      source: 'test',
      mode: options.mode ?? 'apply',
      lastAppliedRevision: null,
      lastAttemptedRevision: null,
      conditions: [],
      pools: [],
      lastReconcile: null,
    },
  };
  let clock = 1_000;
  for (const read of reads) {
    await reconcileOnce(
      {
        source: { describe: 'test', watchPath: null, read: async () => read },
        mode: options.mode ?? 'apply',
        openDrivers: (d) => {
          const drivers = new Map(
            d.pools.map((spec) => [
              spec.name,
              createSimulatedDriver(spec, {
                stateDir: state,
                now: () => clock,
                sleep: async (ms) => {
                  clock += ms;
                },
                random: () => 0,
              }),
            ]),
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
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
        },
        emit: () => {},
      },
      loop,
    );
  }
  return loop.status.conditions;
}

const valid = (p: PoolSpec): SourceRead => ({ kind: 'valid', desired: desired(p), revision });
const brief = (conditions: Condition[]) =>
  conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);
const message = (conditions: Condition[], type: string) =>
  conditions.find((c) => c.type === type)?.message;

test('a converged fleet: Ready, not reconciling, not stalled', async () => {
  const p = pool('p', servers(2));
  assert.equal(brief(await conditionsAfter(p, [valid(p)])), [
    'Ready=true/ReconciliationSucceeded',
    'Reconciling=false/Idle',
    'Stalled=false/Progressing',
  ]);
});

test('a drain blocked by the budget: not Ready (the block), Stalled by policy', async () => {
  const p = pool('p', servers(3, [1]));
  const found = await conditionsAfter(p, [valid(p)], { unreachable: ['s3'], mode: 'monitor' });
  assert.equal(brief(found), [
    'Ready=false/Blocked',
    'Reconciling=false/Idle',
    'Stalled=true/Blocked',
  ]);
  assert.match(message(found, 'Ready') ?? '', /draining s1 would make 2 of 3 servers unavailable/);
  assert.is(message(found, 'Stalled'), 'changes are blocked by policy');
});

test('an unreachable server with nothing blocked: not Ready, DriverErrors names it', async () => {
  const p = pool('p', servers(2));
  const found = await conditionsAfter(p, [valid(p)], { unreachable: ['s2'] });
  assert.equal(brief(found).slice(0, 1), ['Ready=false/DriverErrors']);
  assert.match(message(found, 'Ready') ?? '', /^s2: /);
});

test('changes to make in monitor mode: Reconciling, with the counts', async () => {
  const p = pool('p', servers(2, [1]));
  const found = await conditionsAfter(p, [valid(p)], { mode: 'monitor' });
  assert.equal(brief(found), [
    'Ready=false/Progressing',
    'Reconciling=true/Progressing',
    'Stalled=false/Progressing',
  ]);
  assert.match(
    message(found, 'Reconciling') ?? '',
    /^[1-9]\d* changes, 0 waiting, 0 sessions draining$/,
  );
});

test('an invalid first revision: not Ready and Stalled, naming the first problem where it is', async () => {
  const issue: LoadIssue = {
    code: 'io',
    file: 'p.yaml',
    line: 3,
    column: 5,
    message: 'bad mode',
    hint: null,
  };
  const found = await conditionsAfter(pool('p', servers(1)), [
    { kind: 'invalid', revision, issues: [issue] },
  ]);
  assert.equal(brief(found), [
    'Ready=false/ValidationFailed',
    'Reconciling=false/Idle',
    'Stalled=true/ValidationFailed',
  ]);
  assert.is(
    message(found, 'Ready'),
    'r1 is invalid (1 problems; first: p.yaml:3:5 bad mode); the last good revision stays in force',
  );
});

test('an unavailable source: not Ready, saying when it retries; with no revision yet, NoRevision would follow', async () => {
  const p = pool('p', servers(1));
  const unavailable: SourceRead = {
    kind: 'unavailable',
    error: { kind: 'Unreachable', message: 'cannot reach git' },
    retryInMs: 30_000,
  };
  const found = await conditionsAfter(p, [unavailable]);
  assert.equal(brief(found), [
    'Ready=false/SourceUnavailable',
    'Reconciling=false/Idle',
    'Stalled=false/Progressing',
  ]);
  assert.is(message(found, 'Ready'), 'Unreachable: cannot reach git; retrying in 30s');
  const later = await conditionsAfter(p, [valid(p), unavailable]);
  assert.equal(
    brief(later).slice(0, 1),
    ['Ready=false/SourceUnavailable'],
    'the last good one runs on',
  );
});

test.run();
