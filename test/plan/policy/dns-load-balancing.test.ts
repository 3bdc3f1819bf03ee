// The DNS load-balancing rule, asked directly and through the plan.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan } from '../../../reconciler/plan/index.ts';
import { dnsLoadBalancing } from '../../../reconciler/plan/policy/dns-load-balancing.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';
import { drainOf } from '../../helpers/builders/policy.ts';

test('DNS rule: blocked without dns load balancing when a DNS-dependent feature would drop sessions', () => {
  const p = pool('p', servers(2, [1]), {
    services: ['RTCSRV', 'RTCRGS', 'RTCCPS'],
    loadBalancing: 'hardware',
  });
  assert.equal(dnsLoadBalancing(drainOf(p, 's1', observe([p]))), {
    kind: 'blocked',
    rule: 'dns-load-balancing',
    message:
      'draining s1: pool uses hardware load balancing, so sessions of Response Group (RTCRGS), Call Park and Announcement (RTCCPS) cannot be re-routed and drop when the server goes offline; set spec.drain.allowSessionLoss: true to accept that',
  });
});

test('DNS rule: allowed with dns load balancing, with allowSessionLoss, or without DNS-dependent services', () => {
  const services = ['RTCSRV', 'RTCCAA'];
  const allowed = { kind: 'allowed' };
  const dns = pool('p', servers(2, [1]), { services, loadBalancing: 'dns' });
  assert.equal(dnsLoadBalancing(drainOf(dns, 's1', observe([dns]))), allowed);
  const loss = pool('p', servers(2, [1]), {
    services,
    loadBalancing: 'none',
    allowSessionLoss: true,
  });
  assert.equal(dnsLoadBalancing(drainOf(loss, 's1', observe([loss]))), allowed);
  const plain = pool('p', servers(2, [1]), { loadBalancing: 'hardware' });
  assert.equal(dnsLoadBalancing(drainOf(plain, 's1', observe([plain]))), allowed);
});

test('DNS rule: draining a server with DNS-dependent features needs dns load balancing or allowSessionLoss', () => {
  const services = ['RTCSRV', 'RTCRGS'];
  const hw = pool('p', servers(3, [1]), { services, loadBalancing: 'hardware' });
  const plan = buildPlan(desired(hw), observe([hw]), 0);
  assert.equal(
    plan.blocked.map((b) => b.rule),
    ['dns-load-balancing'],
  );
  assert.match(plan.blocked[0]!.message, /Response Group \(RTCRGS\)/);
  const allowed = pool('p', servers(3, [1]), {
    services,
    loadBalancing: 'hardware',
    allowSessionLoss: true,
  });
  assert.equal(buildPlan(desired(allowed), observe([allowed]), 0).blocked, []);
  const dns = pool('p', servers(3, [1]), { services, loadBalancing: 'dns' });
  assert.equal(buildPlan(desired(dns), observe([dns]), 0).blocked, []);
  const plain = pool('p', servers(3, [1]), { loadBalancing: 'none' });
  assert.equal(buildPlan(desired(plain), observe([plain]), 0).blocked, []);
});

test.run();
