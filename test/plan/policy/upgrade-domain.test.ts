// The upgrade-domain rule: under a Lync quorum preset, one upgrade domain out at a time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PoolSpec } from '../../../reconciler/model.ts';
import { buildPlan } from '../../../reconciler/plan/index.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';
import { allowedDrains, paused } from '../../helpers/builders/policy.ts';

/** Six Front Ends under sfb2015 (3 may be out), upgrade domains A (fe1, fe2), B (fe3, fe4), C (fe5, fe6). */
function frontEnds(draining: number[], withDomains = true): PoolSpec {
  const p = pool('fe', servers(6, draining), { budget: { kind: 'quorum', preset: 'sfb2015' } });
  const domains = ['A', 'A', 'B', 'B', 'C', 'C'];
  return {
    ...p,
    servers: p.servers.map((s, i) => (withDomains ? { ...s, upgradeDomain: domains[i] } : s)),
  };
}

test('drains that take several servers out at once stay within one upgrade domain', () => {
  const p = frontEnds([1, 2, 3]);
  const plan = buildPlan(desired(p), observe([p]), 0);
  assert.equal(allowedDrains(plan), ['s1', 's2']);
  assert.equal(
    plan.blocked.map((b) => [b.server, b.rule]),
    [['s3', 'upgradeDomain']],
  );
  assert.match(
    plan.blocked[0]!.message,
    /^draining s3 \(upgrade domain B\) would take out a second upgrade domain: s1 \(upgrade domain A\) is out \(draining\); one upgrade domain at a time$/,
  );
});

test('a domain already out (RTCSRV Paused) holds back the others; its own servers may join it', () => {
  const p = frontEnds([2, 5]);
  const plan = buildPlan(desired(p), observe([p], { s1: paused }), 0);
  assert.equal(allowedDrains(plan), ['s2']);
  assert.equal(
    plan.blocked.map((b) => b.server),
    ['s5'],
  );
});

test('without upgrade domains the quorum alone decides', () => {
  const p = frontEnds([1, 3, 5], false);
  assert.equal(allowedDrains(buildPlan(desired(p), observe([p]), 0)), ['s1', 's3', 's5']);
});

test.run();
