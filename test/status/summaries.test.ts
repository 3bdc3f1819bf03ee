// Pool summaries for status.json, "a drain passed its timeout" and "still moving", straight from plans.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan, drainDone } from '../../reconciler/plan/index.ts';
import {
  anyStalled,
  fleetStatus,
  poolSummaries,
  stillMoving,
} from '../../reconciler/status/index.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const paused = { status: 'Paused' as const, startType: 'Manual' as const };

test('summaries count servers, draining and drained (Paused counts as done), sessions, changes, blocks, errors', () => {
  const p = pool('p', servers(4, [1, 2, 3]), {
    budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 3 } },
  });
  const observed = observe([p], {
    s1: { ...paused, sessions: 3, since: 0 },
    s2: { ...paused, sessions: null },
    s4: 'unreachable',
  });
  const d = desired(p);
  const plan = buildPlan(d, observed, 1_000);
  assert.equal(poolSummaries(fleetStatus(d, observed, 1_000), plan), [
    {
      name: 'p',
      suspended: false,
      servers: 4,
      draining: 3,
      drained: 1,
      sessions: 3,
      changes: 0,
      blocked: 1,
      errors: 1,
    },
  ]);
  assert.equal(
    plan.blocked.map((b) => b.server),
    ['s3'],
    's1, s2 and s4 are out: the budget of 3 holds s3',
  );
});

test('drainDone: Drained and Paused are done, the rest is not', () => {
  assert.equal(
    (['Drained', 'Paused', 'Draining', 'Stalled', 'Active', 'Degraded', 'Unknown'] as const).map(
      drainDone,
    ),
    [true, true, false, false, false, false, false],
  );
});

test('anyStalled: only a drain past its timeout', () => {
  const p = pool('p', servers(2, [1]));
  const at = (since: number) =>
    fleetStatus(desired(p), observe([p], { s1: { ...paused, sessions: 2, since } }), 61_000);
  assert.is(anyStalled(at(0)), true);
  assert.is(anyStalled(at(30_000)), false);
});

test('stillMoving: changes, waiting or draining sessions; blocks and errors alone are not', () => {
  const base = {
    changes: 0,
    blocked: 0,
    waiting: 0,
    errors: 0,
    converged: false,
    drainingSessions: 0,
    suspended: [],
    roundActions: 0,
  };
  assert.is(stillMoving(base), false);
  assert.is(stillMoving({ ...base, blocked: 2, errors: 1 }), false);
  assert.is(stillMoving({ ...base, changes: 1 }), true);
  assert.is(stillMoving({ ...base, waiting: 1 }), true);
  assert.is(stillMoving({ ...base, drainingSessions: 5 }), true);
});

test.run();
