import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Budget } from '../../reconciler/model.ts';
import { buildPlan, lync2013Quorum } from '../../reconciler/plan/index.ts';
import { fleetStatus } from '../../reconciler/status/index.ts';
import { desired, observe, pool, servers } from '../helpers/fleet.ts';

const paused = { status: 'Paused' as const, startType: 'Manual' as const };
const allowedDrains = (plan: ReturnType<typeof buildPlan>) => [
  ...new Set(plan.changes.filter((c) => c.action === 'pause').map((c) => c.server)),
];
const blockedServers = (plan: ReturnType<typeof buildPlan>) => plan.blocked.map((b) => b.server);

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

test('lync2013 quorum table', () => {
  const table: [number, number, number][] = [
    [2, 1, 2],
    [3, 2, 3],
    [4, 2, 4],
    [5, 3, 5],
    [6, 3, 6],
    [7, 4, 7],
    [8, 4, 7],
    [9, 4, 7],
    [10, 5, 9],
    [11, 5, 9],
    [12, 5, 9],
  ];
  for (const [size, required, of] of table)
    assert.equal(lync2013Quorum(size), { required, of }, `size ${size}`);
  // A Front End pool has 2 to 12 servers: the preset is undefined on any other size.
  for (const size of [0, 1, 13, 16, 17]) assert.is(lync2013Quorum(size), null, `size ${size}`);
});

const quorum: Budget = { kind: 'quorum', preset: 'lync2013' };
const quorumCases: [number, number][] = [
  [2, 1],
  [3, 1],
  [4, 2],
  [5, 2],
  [7, 3],
  [8, 3],
  [9, 3],
  [12, 4],
];
for (const [size, mayDrain] of quorumCases) {
  test(`lync2013 with ${size} servers: draining all lets ${mayDrain} of the constrained ones go`, () => {
    const p = pool(
      'p',
      servers(
        size,
        Array.from({ length: size }, (_, i) => i + 1),
      ),
      { budget: quorum },
    );
    const plan = buildPlan(desired(p), observe([p]), 0);
    const of = lync2013Quorum(size)!.of;
    const inScope = allowedDrains(plan).filter((s) => Number(s.slice(1)) <= of);
    assert.is(inScope.length, mayDrain);
    // Servers after "the first N" are not constrained by the quorum.
    const outside = Array.from({ length: size - of }, (_, i) => `s${of + i + 1}`);
    for (const server of outside)
      assert.ok(allowedDrains(plan).includes(server), `${server} outside the quorum drains`);
    assert.ok(plan.blocked.every((b) => b.rule === 'quorum'));
  });
}

test('lync2013 with 8 servers: the 8th drains freely while 3 of the first 7 are out', () => {
  const p = pool('p', servers(8, [8]), { budget: quorum });
  const plan = buildPlan(desired(p), observe([p], { s1: paused, s2: paused, s3: paused }), 0);
  assert.equal(allowedDrains(plan), ['s8']);
  const p2 = pool('p', servers(8, [4]), { budget: quorum });
  const blocked = buildPlan(desired(p2), observe([p2], { s1: paused, s2: paused, s3: paused }), 0);
  assert.match(
    blocked.blocked[0]!.message,
    /quorum lync2013 \(4 of the first 7 must stay up\) allows 3/,
  );
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
