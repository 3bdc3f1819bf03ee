// The quorum rule (lync2013), its table, asked directly and through the plan.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Budget } from '../../../reconciler/model.ts';
import { buildPlan, lync2013Quorum } from '../../../reconciler/plan/index.ts';
import { quorum as quorumRule } from '../../../reconciler/plan/policy/quorum.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';
import { allowedDrains, drainOf, paused } from '../../helpers/builders/policy.ts';

test('quorum rule: allowed while enough of the first N stay up, and for servers past them', () => {
  const p = pool('p', servers(8, [1, 8]), { budget: { kind: 'quorum', preset: 'lync2013' } });
  assert.equal(quorumRule(drainOf(p, 's1', observe([p]))), { kind: 'allowed' });
  const three = observe([p], { s1: paused, s2: paused, s3: paused });
  assert.equal(quorumRule(drainOf(p, 's8', three)), { kind: 'allowed' });
});

test('quorum rule: blocked when one more out would break the quorum of the first N', () => {
  const p = pool('p', servers(8, [4]), { budget: { kind: 'quorum', preset: 'lync2013' } });
  const observed = observe([p], { s1: paused, s2: 'unreachable' });
  assert.equal(quorumRule(drainOf(p, 's4', observed, ['s3'])), {
    kind: 'blocked',
    rule: 'quorum',
    message:
      'draining s4 would make 4 of the first 7 servers unavailable; quorum lync2013 (4 of the first 7 must stay up) allows 3. Unavailable now: s1 (RTCSRV Paused); s2 (unreachable); s3 (draining)',
  });
});

test('quorum rule: a pool with a maxUnavailable or minActive budget is not its business', () => {
  const p = pool('p', servers(3, [1, 2]));
  assert.equal(quorumRule(drainOf(p, 's2', observe([p]), ['s1'])), { kind: 'allowed' });
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

test.run();
