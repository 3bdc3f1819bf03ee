// The budget rule (maxUnavailable, minActive), asked directly and through the plan.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Budget } from '../../../reconciler/model.ts';
import { buildPlan } from '../../../reconciler/plan/index.ts';
import { budget } from '../../../reconciler/plan/policy/budget.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';
import { allowedDrains, blockedServers, drainOf, paused } from '../../helpers/builders/policy.ts';

const max = (value: number): Budget => ({
  kind: 'maxUnavailable',
  count: { kind: 'absolute', value },
});

test('allowed while one more out stays within maxUnavailable', () => {
  const p = pool('p', servers(4, [1, 2]), { budget: max(2) });
  assert.equal(budget(drainOf(p, 's1', observe([p]))), { kind: 'allowed' });
  assert.equal(budget(drainOf(p, 's2', observe([p]), ['s1'])), { kind: 'allowed' });
});

test('blocked past maxUnavailable, counting the drains let through earlier in the plan', () => {
  const p = pool('p', servers(4, [1, 2]));
  assert.equal(budget(drainOf(p, 's2', observe([p]), ['s1'])), {
    kind: 'blocked',
    rule: 'maxUnavailable',
    message:
      'draining s2 would make 2 of 4 servers unavailable; maxUnavailable 1 allows 1. Unavailable now: s1 (draining)',
  });
});

test('a server already out takes no more budget: its drain is allowed even at the limit', () => {
  const p = pool('p', servers(3, [1, 2]));
  const observed = observe([p], { s1: paused, s2: paused });
  assert.equal(budget(drainOf(p, 's2', observed)), { kind: 'allowed' });
});

test('minActive names itself, with the percentage worked out', () => {
  const p = pool('p', servers(4, [1, 2]), {
    budget: { kind: 'minActive', count: { kind: 'percent', value: 60 } },
  });
  assert.equal(budget(drainOf(p, 's2', observe([p], { s4: 'unreachable' }))), {
    kind: 'blocked',
    rule: 'minActive',
    message:
      'draining s2 would make 2 of 4 servers unavailable; minActive 60% (3 of 4) allows 1. Unavailable now: s4 (unreachable)',
  });
});

test('a quorum pool is not the budget rule’s business', () => {
  const p = pool('p', servers(3, [1, 2, 3]), { budget: { kind: 'quorum', preset: 'lync2013' } });
  assert.equal(budget(drainOf(p, 's3', observe([p]), ['s1', 's2'])), { kind: 'allowed' });
});

const budgetCases: [string, Budget, number, number[], string[], string[]][] = [
  [
    'maxUnavailable 1',
    { kind: 'maxUnavailable', count: { kind: 'absolute', value: 1 } },
    4,
    [1, 2, 3],
    ['s1'],
    ['s2', 's3'],
  ],
  [
    'maxUnavailable 2',
    { kind: 'maxUnavailable', count: { kind: 'absolute', value: 2 } },
    4,
    [1, 2, 3],
    ['s1', 's2'],
    ['s3'],
  ],
  [
    'maxUnavailable 50% of 5 rounds down to 2',
    { kind: 'maxUnavailable', count: { kind: 'percent', value: 50 } },
    5,
    [1, 2, 3],
    ['s1', 's2'],
    ['s3'],
  ],
  [
    'maxUnavailable 25% of 3 rounds down to 0',
    { kind: 'maxUnavailable', count: { kind: 'percent', value: 25 } },
    3,
    [1],
    [],
    ['s1'],
  ],
  [
    'minActive 3 of 4',
    { kind: 'minActive', count: { kind: 'absolute', value: 3 } },
    4,
    [1, 2],
    ['s1'],
    ['s2'],
  ],
  [
    'minActive 60% of 4 rounds up to 3',
    { kind: 'minActive', count: { kind: 'percent', value: 60 } },
    4,
    [1, 2],
    ['s1'],
    ['s2'],
  ],
];
for (const [name, budget, size, draining, allowed, blocked] of budgetCases) {
  test(`budget ${name}`, () => {
    const p = pool('p', servers(size, draining), { budget });
    const plan = buildPlan(desired(p), observe([p]), 0);
    assert.equal(allowedDrains(plan), allowed);
    assert.equal(blockedServers(plan), blocked);
  });
}

test('a blocked drain says which rule, how many are out, and which servers', () => {
  const p = pool('p', servers(4, [3, 4]));
  const plan = buildPlan(desired(p), observe([p], { s1: 'unreachable', s3: paused }), 0);
  assert.equal(plan.blocked, [
    {
      pool: 'p',
      server: 's4',
      rule: 'maxUnavailable',
      message:
        'draining s4 would make 3 of 4 servers unavailable; maxUnavailable 1 allows 1. Unavailable now: s1 (unreachable); s3 (RTCSRV Paused)',
    },
  ]);
  assert.ok(!plan.changes.some((c) => c.server === 's4'), 'a blocked change is never in changes');
});

test.run();
