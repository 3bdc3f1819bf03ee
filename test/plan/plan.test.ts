import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { fleetStatus } from '../../reconciler/status/index.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';
import { allowedDrains, blockedServers, paused } from '../helpers/builders/policy.ts';

test('a converged fleet plans zero steps', () => {
  const p = pool('p', servers(3, [2]));
  const plan = buildPlan(desired(p), observe([p], { s2: paused }), 0);
  assert.equal(plan.changes, []);
  assert.ok(plan.summary.converged);
});

test('changes are data with before/after and reason, in declaration order, startup type first', () => {
  const p = pool(
    'p',
    { b: 'draining', a: 'draining' },
    { budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 2 } } },
  );
  const rev1 = { id: 'main@sha1:abc', author: 'Ann <a@x>', subject: 'Drain b' };
  const plan = buildPlan(desired(p), observe([p]), 0, rev1);
  assert.equal(
    plan.changes.map((c) => `${c.server}:${c.action}`),
    ['b:set-startup-type', 'b:pause', 'a:set-startup-type', 'a:pause'],
  );
  assert.equal(plan.changes[1], {
    pool: 'p',
    server: 'b',
    service: 'RTCSRV',
    action: 'pause',
    before: { status: 'Running', startType: 'Manual' },
    after: { status: 'Paused', startType: 'Manual' },
    reason: 'server is draining',
  });
  assert.equal(plan.revision, rev1);
});

test('unreachable servers count against the budget and are reported, others still plan', () => {
  const p = pool('p', servers(3, [2]));
  const plan = buildPlan(desired(p), observe([p], { s1: 'unreachable' }), 0);
  assert.equal(blockedServers(plan), ['s2']);
  assert.equal(
    plan.errors.map((e) => [e.server, e.kind]),
    [['s1', 'Unreachable']],
  );
});

test('resuming is never blocked, even over budget', () => {
  const p = pool('p', servers(3));
  const plan = buildPlan(desired(p), observe([p], { s1: paused, s2: paused, s3: paused }), 0);
  assert.equal(plan.blocked, []);
  assert.equal(
    plan.changes.filter((c) => c.action === 'resume').map((c) => c.server),
    ['s1', 's2', 's3'],
  );
});

test('a server already unavailable does not take budget twice', () => {
  const p = pool('p', servers(3, [1, 2]), { services: ['A', 'B'] });
  const obs = observe([p]);
  const s1 = obs.get('p')!.get('s1')!;
  if (s1.ok) s1.services[0] = { ...s1.services[0]!, status: 'Paused', startType: 'Manual' };
  const plan = buildPlan(desired(p), obs, 0);
  assert.equal(allowedDrains(plan), ['s1']);
  assert.equal(blockedServers(plan), ['s2']);
});

test('Object property names are plain names: plan and status for constructor, toString, __proto__, hasOwnProperty', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
  const weird = pool(
    'constructor',
    Object.fromEntries(names.map((n) => [n, 'draining' as const])),
    {
      services: names,
      loadBalancing: 'hardware',
      budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 4 } },
    },
  );
  const plan = buildPlan(desired(weird), observe([weird]), 0);
  assert.equal(plan.blocked, [], 'none of them is a DNS-dependent service');
  assert.is(plan.changes.length, 4 * 4 * 2);
  assert.equal(
    [...new Set(plan.changes.map((c) => `${c.pool}/${c.server}`))],
    names.map((n) => `constructor/${n}`),
  );
  const status = fleetStatus(desired(weird), observe([weird]), 0);
  assert.is(JSON.stringify(status).includes('"hasOwnProperty"'), true);
});

test('health: Draining, Drained, Paused (unknown sessions), Stalled past the timeout', () => {
  const p = pool(
    'p',
    { a: 'draining', b: 'draining', c: 'draining', d: 'draining' },
    { budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 4 } } },
  );
  const obs = observe([p], {
    a: { ...paused, sessions: 5, since: 1000 },
    b: { ...paused, sessions: 0 },
    c: { ...paused, sessions: null },
    d: { ...paused, sessions: 5, since: 0 },
  });
  const plan = buildPlan(desired(p), obs, 61_000);
  assert.equal(
    fleetStatus(desired(p), obs, 61_000)[0]!.servers.map((s) => s.services[0]!.health),
    ['Draining', 'Drained', 'Paused', 'Stalled'],
  );
  assert.is(plan.summary.drainingSessions, 10);
  assert.not.ok(plan.summary.converged);
});

test('pending services wait; services that cannot pause are errors; both keep others going', () => {
  const p = pool('p', servers(3, [1, 2]), {
    budget: { kind: 'maxUnavailable', count: { kind: 'absolute', value: 3 } },
  });
  const plan = buildPlan(
    desired(p),
    observe([p], { s1: { status: 'PausePending' }, s2: { canPause: false } }),
    0,
  );
  assert.equal(
    plan.waiting.map((w) => w.server),
    ['s1'],
  );
  assert.equal(
    plan.errors.map((e) => [e.server, e.kind]),
    [['s2', 'CannotPause']],
  );
});

test('one service that cannot pause holds back its whole server: no half-drained server', () => {
  const p = pool('p', servers(2, [1]), { services: ['RTCSRV', 'RTCMEDSRV'] });
  const observed = observe([p]);
  const s1 = observed.get('p')!.get('s1')!;
  if (s1.ok) s1.services[1] = { ...s1.services[1]!, canPause: false };
  const plan = buildPlan(desired(p), observed, 0);
  assert.equal(plan.changes, []);
  assert.equal(
    plan.errors.map((e) => [e.server, e.service, e.kind]),
    [['s1', 'RTCMEDSRV', 'CannotPause']],
  );
  assert.match(plan.errors[0]!.message, /RTCMEDSRV cannot be paused .*no step runs on s1/);
});

test('a suspended pool is skipped and reported as suspended', () => {
  const p = { ...pool('p', servers(2, [1])), suspend: true };
  const q = pool('q', servers(2, [1]));
  const plan = buildPlan(desired(p, q), observe([q]), 0);
  assert.equal(plan.summary.suspended, ['p']);
  assert.ok(plan.changes.every((c) => c.pool === 'q'));
  assert.equal(plan.errors, []);
  assert.is(fleetStatus(desired(p, q), observe([q]), 0)[0]!.suspended, true);
});

test.run();
