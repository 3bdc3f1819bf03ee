// The holds: windows and gates as rules of the policy's signature, asked after the budget, in order.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mode } from '../../../reconciler/model.ts';
import { buildPlan, type PoolMaintenance } from '../../../reconciler/plan/index.ts';
import type { Round, ServerPhase } from '../../../reconciler/plan/maintenance/round-types.ts';
import type { WindowVerdict } from '../../../reconciler/plan/maintenance/windows.ts';
import {
  HOLDS,
  maintenanceWindow,
  ROUND_HOLDS,
  roundGate,
  roundWindow,
} from '../../../reconciler/plan/policy/index.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';
import { drainOf, paused } from '../../helpers/builders/policy.ts';

const CLOSED: WindowVerdict = {
  allowed: false,
  opens: 3_600_000,
  zone: 'UTC',
  text: 'opens Thu 01:00 UTC, in 1h',
};
const OPEN: WindowVerdict = {
  allowed: true,
  until: null,
  zone: null,
  text: 'open, no end in sight',
};

/** A round CHG1 over `phases` (server → phase), with the given modes. */
const roundOf = (phases: Record<string, ServerPhase>, modes: Record<string, Mode> = {}): Round => ({
  pool: 'p',
  id: 'CHG1',
  state: 'waiting',
  done: 0,
  total: 1,
  stoppedBy: null,
  waitingOn: null,
  servers: Object.entries(phases).map(([name, phase]) => ({ name, phase })),
  actions: [],
  modes: new Map(Object.entries(modes)),
  unavailable: 0,
  limit: 1,
  wakeAt: null,
});

test('the lists, in order, each a named function', () => {
  assert.equal(
    HOLDS.map((rule) => rule.name),
    ['maintenanceWindow'],
  );
  assert.equal(
    ROUND_HOLDS.map((rule) => rule.name),
    ['roundWindow', 'roundGate'],
  );
});

test('the window hold: a drain that would start while the window is closed waits, with when it opens', () => {
  const p = pool('p', servers(3, [1]));
  const drain = drainOf(p, 's1', observe([p]));
  assert.equal(maintenanceWindow({ ...drain, window: CLOSED }), {
    kind: 'blocked',
    rule: 'maintenance-window',
    message: 'draining s1 waits for a maintenance window: opens Thu 01:00 UTC, in 1h',
  });
  assert.equal(maintenanceWindow({ ...drain, window: OPEN }), { kind: 'allowed' });
  assert.equal(maintenanceWindow(drain), { kind: 'allowed' }, 'planned without windows');
});

test("the window hold lets a drain already begun go on, and a round's own drains", () => {
  const p = pool('p', servers(3, [1]));
  const begun = drainOf(p, 's1', observe([p], { s1: paused }));
  assert.equal(maintenanceWindow({ ...begun, window: CLOSED }), { kind: 'allowed' });
  const own = roundOf(
    { s1: { phase: 'draining', since: null, drained: false } },
    { s1: 'draining' },
  );
  const drain = drainOf(p, 's1', observe([p]));
  assert.equal(maintenanceWindow({ ...drain, window: CLOSED, round: own }), { kind: 'allowed' });
});

test("the round's holds: its next drain waits for the window, or a gate said no (Busy is asked again)", () => {
  const p = pool('p', servers(3));
  const drain = drainOf(p, 's2', observe([p]));
  const waiting = roundOf({ s2: { phase: 'waiting-window', message: CLOSED.text, opens: 1 } });
  assert.equal(roundWindow({ ...drain, round: waiting }), {
    kind: 'blocked',
    rule: 'maintenance-window',
    message: 'round CHG1: draining s2 waits for a maintenance window: opens Thu 01:00 UTC, in 1h',
  });
  assert.equal(roundGate({ ...drain, round: waiting }), { kind: 'allowed' });
  const no = roundOf({ s2: { phase: 'blocked-gate', message: 'gate: No', waiting: false } });
  assert.equal(roundGate({ ...drain, round: no }), {
    kind: 'blocked',
    rule: 'maintenance-gate',
    message: 'round CHG1: draining s2 is blocked by a gate: gate: No',
  });
  const busy = roundOf({ s2: { phase: 'blocked-gate', message: 'gate: Busy', waiting: true } });
  assert.equal(roundGate({ ...drain, round: busy }), { kind: 'allowed' });
  assert.equal(roundWindow(drain), { kind: 'allowed' }, 'no round');
});

test('a held drain still counts as out: the pool’s later servers get the budget’s message; holds list after', () => {
  const p = pool('p', servers(3, [1, 2]));
  const maintenance = new Map<string, PoolMaintenance>([['p', { window: CLOSED }]]);
  const plan = buildPlan(desired(p), observe([p]), 0, null, maintenance);
  assert.equal(plan.changes, []);
  assert.equal(
    plan.blocked.map((b) => `${b.server} ${b.rule}`),
    ['s2 maxUnavailable', 's1 maintenance-window'],
  );
  assert.match(plan.blocked[0]!.message, 'Unavailable now: s1 (draining)');
  assert.equal([plan.summary.blocked, plan.summary.converged], [2, false]);
});

test.run();
