// The Lync quorum presets (lync2013, sfb2015, sfb2019) from Microsoft's pool-level table, and what counts
// against them: a server only while its Front End service (RTCSRV) is not Running.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Budget, PoolSpec } from '../../../reconciler/model.ts';
import { buildPlan, lyncQuorum } from '../../../reconciler/plan/index.ts';
import { quorum as quorumRule } from '../../../reconciler/plan/policy/quorum.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';
import { allowedDrains, drainOf, paused } from '../../helpers/builders/policy.ts';

const rows = (preset: 'lync2013' | 'sfb2015' | 'sfb2019', size: number) =>
  lyncQuorum(preset, size)?.map((r) => `${r.required}/${r.of}`) ?? null;

test('lync2013 and sfb2015 share the table of 2 to 12 servers', () => {
  for (const preset of ['lync2013', 'sfb2015'] as const) {
    assert.equal(rows(preset, 2), ['1/2']);
    assert.equal(rows(preset, 6), ['3/6']);
    assert.equal(rows(preset, 9), ['4/7']);
    assert.equal(rows(preset, 12), ['5/9']);
    for (const size of [1, 13, 16]) assert.is(rows(preset, size), null, `${preset} ${size}`);
  }
});

test('sfb2019: no two-server pools, up to 16; 12 servers must keep both rows, 13–16 any 7 of the first 12', () => {
  assert.is(rows('sfb2019', 2), null);
  assert.equal(rows('sfb2019', 3), ['2/3']);
  assert.equal(rows('sfb2019', 11), ['5/9']);
  assert.equal(rows('sfb2019', 12), ['5/9', '7/12']);
  for (const size of [13, 14, 15, 16]) assert.equal(rows('sfb2019', size), ['7/12'], `${size}`);
  assert.is(rows('sfb2019', 17), null);
});

const sfb2019: Budget = { kind: 'quorum', preset: 'sfb2019' };

test('sfb2019 with 12 servers: both rows hold (4 of the first 9 out, then only 1 more of the first 12)', () => {
  // All 12 declared draining: "5 of the first 9" lets 4 of s1..s9 go; "7 of the first 12" lets 5 of s1..s12.
  const p = pool(
    'p',
    servers(
      12,
      Array.from({ length: 12 }, (_, i) => i + 1),
    ),
    { budget: sfb2019 },
  );
  const plan = buildPlan(desired(p), observe([p]), 0);
  assert.equal(allowedDrains(plan), ['s1', 's2', 's3', 's4', 's10']);
  assert.match(plan.blocked[0]?.message ?? '', /quorum sfb2019 \(5 of the first 9 must stay up\)/);
  assert.match(plan.blocked.at(-1)?.message ?? '', /quorum sfb2019 \(7 must stay up\) allows 5/);
});

test('sfb2019 with 16 servers: 5 of the first 12 may be out; the last 4 drain freely', () => {
  const p = pool(
    'p',
    servers(
      16,
      Array.from({ length: 16 }, (_, i) => i + 1),
    ),
    { budget: sfb2019 },
  );
  const plan = buildPlan(desired(p), observe([p]), 0);
  assert.equal(allowedDrains(plan), ['s1', 's2', 's3', 's4', 's5', 's13', 's14', 's15', 's16']);
});

/** A Front End pool managing RTCSRV and RTCCAA, with server `s1`'s RTCCAA overridden to draining. */
function frontEnds(size: number, preset: Budget & { kind: 'quorum' }): PoolSpec {
  const p = pool('fe', servers(size), { budget: preset, services: ['RTCSRV', 'RTCCAA'] });
  return p;
}
const lync2013: Budget & { kind: 'quorum' } = { kind: 'quorum', preset: 'lync2013' };

test('under a Lync preset a server whose only drained service is RTCCAA uses no quorum budget', () => {
  const p = frontEnds(3, lync2013);
  // s1: RTCCAA Paused, RTCSRV Running: it still serves the Front End and is not counted.
  const seen = observe([p]);
  const s1 = seen.get('fe')?.get('s1');
  if (s1?.ok !== true) throw new Error('observed');
  s1.services = s1.services.map((s) => (s.name === 'RTCCAA' ? { ...s, ...paused } : s));
  const s2Drains = { ...p, servers: p.servers.map((s, i) => (i === 1 ? drainAll(s) : s)) };
  assert.equal(quorumRule(drainOf(s2Drains, 's2', seen)), { kind: 'allowed' });
  // A drain of RTCCAA alone is never refused by the quorum, even with the budget spent.
  const caaOnly = {
    ...p,
    servers: p.servers.map((s, i) =>
      i === 2
        ? {
            ...s,
            services: s.services.map((x) =>
              x.name === 'RTCCAA' ? { ...x, mode: 'draining' as const } : x,
            ),
          }
        : s,
    ),
  };
  const spent = observe([p], { s1: paused });
  assert.equal(quorumRule(drainOf(caaOnly, 's3', spent, ['s2'])), { kind: 'allowed' });
  // But RTCSRV Paused counts: s1 out (RTCSRV), s2 drains: a third is refused (2 of 3 must stay up).
  const full = { ...p, servers: p.servers.map(drainAll) };
  const plan = buildPlan(desired(full), spent, 0);
  assert.equal(allowedDrains(plan), []);
  assert.match(plan.blocked[0]?.message ?? '', /Unavailable now: s1 \(RTCSRV Paused\)$/);
});

test('the plan: RTCCAA-only drains go through while the quorum is spent on RTCSRV drains', () => {
  const p = frontEnds(3, lync2013);
  const spec = {
    ...p,
    servers: p.servers.map((s, i) =>
      i === 0
        ? drainAll(s)
        : {
            ...s,
            services: s.services.map((x) =>
              x.name === 'RTCCAA' ? { ...x, mode: 'draining' as const } : x,
            ),
          },
    ),
  };
  const plan = buildPlan(desired(spec), observe([spec]), 0);
  assert.equal(allowedDrains(plan), ['s1', 's2', 's3']);
  assert.equal(plan.blocked, []);
});

function drainAll(s: PoolSpec['servers'][number]): PoolSpec['servers'][number] {
  return { ...s, mode: 'draining', services: s.services.map((x) => ({ ...x, mode: 'draining' })) };
}

test.run();
