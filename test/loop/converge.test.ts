// converge against the simulated driver: drains, audits, unreachable servers, unpausable services; the lock.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createSimulatedDriver,
  type SimFleet,
  type SimService,
} from '../../reconciler/drivers/simulated/index.ts';
import { converge } from '../../reconciler/loop/index.ts';
import { type AuditEntry, acquireLock } from '../../reconciler/state/folder/index.ts';
import { desired, pool, servers } from '../helpers/builders/fleet.ts';
import { runningServer, runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const noRetry = { attempts: 3, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 };

/** A server running RTCSRV with two sessions; `extra` changes the service. */
const running = (extra: Partial<SimService> = {}) =>
  runningServer(['RTCSRV'], runningService(2, { since: 0, ...extra }));

async function reconcile(dir: string, p: ReturnType<typeof pool>, wait = false) {
  let clock = 1_000;
  const advance = async (ms: number) => {
    clock += ms;
  };
  const driver = createSimulatedDriver(p, {
    stateDir: dir,
    now: () => clock,
    sleep: advance,
    random: () => 0,
  });
  const audit: AuditEntry[] = [];
  const result = await converge({
    desired: desired(p),
    drivers: new Map([[p.name, driver]]),
    concurrency: 4,
    retry: noRetry,
    audit: (e) => {
      audit.push(e);
    },
    revision: { id: 'r1', author: null, subject: null },
    now: () => clock,
    sleep: advance,
    wait,
    timeoutMs: 60_000,
    pollMs: 500,
  });
  await driver.close();
  return { result, audit, calls: driver.calls };
}

test('apply drains, audits every step, and a re-run on the converged fleet does nothing but observe', async () => {
  const dir = tempTree({});
  const p = pool('p', servers(3, [2]));
  writeWorld(dir, 'p', { servers: { s1: running(), s2: running(), s3: running() } });
  const first = await reconcile(dir, p, true);
  assert.ok(first.result.lastPlan.summary.converged);
  assert.equal(
    first.audit.map((e) => `${e.server}:${e.action}:${e.outcome}`),
    ['s2:set-startup-type:ok', 's2:pause:ok'],
  );
  assert.equal(first.audit[0]!.revision, { id: 'r1', author: null, subject: null });
  const again = await reconcile(dir, p);
  assert.equal(again.audit, []);
  assert.equal(again.calls, { observe: 3, run: 0 });
});

test("time running out during the first round's steps: the last plan is where the steps left things (issue 20 item 5)", async () => {
  const dir = tempTree({});
  const p = pool('p', servers(1, [1]));
  writeWorld(dir, 'p', { servers: { s1: running() } });
  let clock = 1_000;
  const advance = async (ms: number) => {
    clock += ms;
  };
  const driver = createSimulatedDriver(p, {
    stateDir: dir,
    now: () => clock,
    sleep: advance,
    random: () => 0,
    sessionSeconds: 3600,
  });
  const plans: number[] = [];
  const result = await converge({
    desired: desired(p),
    drivers: new Map([[p.name, driver]]),
    concurrency: 1,
    retry: noRetry,
    // Each step takes 6 s (a slow server): the 10 s run out during the first round's steps.
    audit: () => {
      clock += 6_000;
    },
    revision: null,
    now: () => clock,
    sleep: advance,
    wait: true,
    timeoutMs: 10_000,
    pollMs: 500,
    onPlan: (plan) => plans.push(plan.changes.length),
  });
  await driver.close();
  assert.ok(result.timedOut);
  assert.is(result.executed, 2);
  assert.equal(result.firstPlan.changes.length, 2);
  assert.equal(result.lastPlan.changes, [], 'the steps already applied are not the remaining plan');
  assert.is(
    result.lastPlan.summary.drainingSessions,
    1,
    'still waiting on the session the counter reads',
  );
  assert.equal(
    plans,
    [2, 0],
    'the last plan was handed on too (apply renders what it waits on from it)',
  );
});

test('one unreachable or access-denied server never stops the others', async () => {
  const dir = tempTree({});
  const p = pool('p', servers(4, [2, 3, 4]), {
    budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 4 } },
  });
  writeWorld(dir, 'p', {
    servers: {
      s1: running(),
      s2: { ...running(), fault: 'access-denied' },
      s3: { ...running(), fault: 'unreachable' },
      s4: running(),
    },
  });
  const { result } = await reconcile(dir, p);
  assert.equal(
    result.firstPlan.errors.map((e) => [e.server, e.kind]),
    [
      ['s2', 'AccessDenied'],
      ['s3', 'Unreachable'],
    ],
  );
  assert.equal(result.failures, []);
  assert.ok(result.firstPlan.changes.some((c) => c.server === 's4'));
  const fleet = JSON.parse(readFileSync(join(dir, 'simulated', 'p.json'), 'utf8')) as SimFleet;
  assert.is(fleet.servers.s4!.services.RTCSRV!.status, 'Paused');
});

test('a service that cannot be paused: no step runs for it', async () => {
  const dir = tempTree({});
  const p = pool('p', servers(2, [1]));
  writeWorld(dir, 'p', { servers: { s1: running({ canPause: false }), s2: running() } });
  const { result, audit } = await reconcile(dir, p, true);
  assert.equal(audit, []);
  assert.equal(
    result.lastPlan.errors.map((e) => e.kind),
    ['CannotPause'],
  );
});

test('the lock names its holder; a second apply is refused; a dead holder is taken over', () => {
  const dir = tempTree({});
  const { release } = acquireLock(dir, 'apply')._unsafeUnwrap();
  const second = acquireLock(dir, 'apply');
  assert.match(second._unsafeUnwrapErr(), new RegExp(`pid ${process.pid} on .* since `));
  release();
  writeFileSync(
    join(dir, 'lock'),
    JSON.stringify({
      id: 'dead-holder-1',
      pid: 999_999_99,
      host: hostname(),
      startedAt: 'x',
      command: 'apply',
    }),
  );
  const taken = acquireLock(dir, 'apply');
  assert.ok(taken.isOk());
  assert.is(JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')).pid, process.pid);
  taken._unsafeUnwrap().release();
  assert.not.ok(existsSync(join(dir, 'lock')));
});

test.run();
