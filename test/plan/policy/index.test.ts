// The policy's order: DNS load balancing first, then the budget or the quorum; the first block decides.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan } from '../../../reconciler/plan/index.ts';
import { POLICY } from '../../../reconciler/plan/policy/index.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';

test('the rules in order, each a named function', () => {
  assert.equal(
    POLICY.map((rule) => rule.name),
    ['dnsLoadBalancing', 'budget', 'quorum', 'upgradeDomain'],
  );
});

test('a drain both rules would block is blocked once, by the first: DNS before the budget', () => {
  const p = pool('p', servers(3, [1, 2]), {
    services: ['RTCSRV', 'RTCRGS'],
    loadBalancing: 'hardware',
  });
  const plan = buildPlan(desired(p), observe([p], { s3: 'unreachable' }), 0);
  assert.equal(
    plan.blocked.map((b) => `${b.server} ${b.rule}`),
    ['s1 dns-load-balancing', 's2 dns-load-balancing'],
  );
});

test.run();
