// The fleet view rules read: why servers are out, counts by scope kept up to date, facts worked out once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PoolFleet } from '../../../reconciler/plan/policy/fleet.ts';
import { observe, pool, servers } from '../../helpers/builders/fleet.ts';
import { paused } from '../../helpers/builders/policy.ts';

test('reasons per server, and counts by scope that follow the drains marked after they were read', () => {
  const p = pool('p', servers(5));
  const fleet = new PoolFleet(p, observe([p], { s2: paused, s5: 'unreachable' }).get('p'));
  assert.equal(
    p.servers.map((_, i) => fleet.reasons(i)),
    [null, ['RTCSRV Paused'], null, null, ['unreachable']],
  );
  assert.is(fleet.unavailableIn(3), 1);
  assert.is(fleet.unavailableIn(5), 2);
  fleet.markDraining(0);
  fleet.markDraining(1); // already out: counted once
  fleet.markDraining(3); // past the first 3
  assert.equal(fleet.reasons(0), ['draining']);
  assert.is(fleet.unavailableIn(3), 2);
  assert.is(fleet.unavailableIn(5), 4);
  assert.is(fleet.unavailableIn(4), 3, 'a scope read for the first time counts the marks too');
});

test('a pool that was not observed: every server is out, as not observed', () => {
  const p = pool('p', servers(2));
  const fleet = new PoolFleet(p, undefined);
  assert.equal(fleet.reasons(1), ['not observed']);
  assert.is(fleet.unavailableIn(2), 2);
});

test('once: a fact of the pool is worked out once per fleet view', () => {
  const p = pool('p', servers(2));
  const fleet = new PoolFleet(p, observe([p]).get('p'));
  let calls = 0;
  const fact = (q: typeof p) => {
    calls++;
    return q.servers.length;
  };
  assert.is(fleet.once(fact), 2);
  assert.is(fleet.once(fact), 2);
  assert.is(calls, 1);
});

test.run();
