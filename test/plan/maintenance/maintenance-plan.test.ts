import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MaintenanceSpec, WindowSpec } from '../../../reconciler/model.ts';
import { planWithMaintenance } from '../../../reconciler/plan/maintenance/maintenance-plan.ts';
import { newRecord, type RoundRecord } from '../../../reconciler/plan/maintenance/round-types.ts';
import { roundJson, roundsJson } from '../../../reconciler/report/phase-text.ts';
import { desired, observe, pool, servers } from '../../helpers/builders/fleet.ts';

// Tue 24 Nov 2026 18:48 in Berlin; the nightly window opens at 22:00.
const NOW = Date.parse('2026-11-24T17:48:00Z');
const nightly: WindowSpec = {
  kind: 'allow',
  schedule: '0 22 * * *',
  durationMs: 6 * 3_600_000,
  timezone: 'Europe/Berlin',
};
/** A round CHG1 over `servers`, hook /bin/true, 1-minute timeout, no settle and no gates unless given. */
const round = (servers: string[], over: Partial<MaintenanceSpec> = {}): MaintenanceSpec => ({
  id: 'CHG1',
  servers,
  run: ['/bin/true'],
  timeoutMs: 60_000,
  settleMs: 0,
  gates: [],
  ...over,
});
const steps = (plan: { changes: { server: string; action: string }[] }) =>
  plan.changes.map((c) => `${c.server}:${c.action}`);

test('a closed window holds back the start of a plain drain, blocked with when it opens; watch is told when', () => {
  const p = { ...pool('p', servers(3, [2])), windows: [nightly] };
  const { plan, wakeAt } = planWithMaintenance(desired(p), observe([p]), NOW, null);
  assert.equal(plan.changes, []);
  assert.equal(plan.blocked, [
    {
      pool: 'p',
      server: 's2',
      rule: 'maintenance-window',
      message:
        'draining s2 waits for a maintenance window: opens Tue 22:00 Europe/Berlin, in 3h12m',
    },
  ]);
  assert.equal([plan.summary.blocked, plan.summary.changes, plan.summary.converged], [1, 0, false]);
  assert.is(wakeAt, Date.parse('2026-11-24T21:00:00Z'));
  // Open: the drain goes ahead.
  const open = planWithMaintenance(
    desired(p),
    observe([p]),
    Date.parse('2026-11-24T22:00:00Z'),
    null,
  );
  assert.equal(steps(open.plan), ['s2:set-startup-type', 's2:pause']);
});

test('a drain already begun goes on when the window closes, and returns are never held back', () => {
  const p = {
    ...pool(
      'p',
      { s1: 'active', s2: 'draining', s3: 'active' },
      { services: ['RTCSRV', 'RTCMEDSRV'] },
    ),
    windows: [nightly],
  };
  // s2 has one service paused already; s1 is still paused from an earlier drain and is declared active.
  const observed = observe([p]);
  const s2 = observed.get('p')?.get('s2');
  if (s2?.ok) s2.services[0] = { ...s2.services[0]!, status: 'Paused', startType: 'Manual' };
  const s1 = observed.get('p')?.get('s1');
  if (s1?.ok) s1.services[0] = { ...s1.services[0]!, status: 'Paused', startType: 'Manual' };
  const { plan } = planWithMaintenance(desired(p), observed, NOW, null);
  assert.equal(plan.blocked, []);
  assert.equal(steps(plan), [
    's1:set-startup-type',
    's1:resume',
    's2:set-startup-type',
    's2:pause',
  ]);
});

test('a round: the first server drains with the round as its reason; the plan shows the rollout', () => {
  const p = pool('p', servers(3));
  p.maintenance = round(['s1', 's2', 's3']);
  const { plan, rollouts } = planWithMaintenance(desired(p), observe([p]), NOW, null);
  assert.equal(steps(plan), ['s1:set-startup-type', 's1:pause']);
  assert.is(plan.changes[0]?.reason, 'server is draining (maintenance CHG1)');
  assert.is(rollouts[0]?.state, 'running');
  // The plan carries the round as data; report/ words it (the JSON every surface shows).
  assert.equal(roundJson(plan.rollouts![0]!), {
    pool: 'p',
    id: 'CHG1',
    state: 'running',
    message: '0 of 3 done',
    window: 'no windows: always allowed',
    servers: [
      {
        name: 's1',
        phase: 'draining',
        text: 'draining next',
        since: null,
        until: null,
        mode: 'draining',
      },
      {
        name: 's2',
        phase: 'pending',
        text: 'waiting for the budget: maxUnavailable 1 allows 1 unavailable, 1 is',
        since: null,
        until: null,
        mode: null,
      },
      { name: 's3', phase: 'pending', text: 'after s2', since: null, until: null, mode: null },
    ],
    next: ['start-drain s1'],
  });
  assert.is(plan.summary.converged, false);
});

test('a round returns a server after its hook even when the window is closed; the plan says settling until when', () => {
  const p = { ...pool('p', servers(2)), windows: [nightly] };
  p.maintenance = round(['s1', 's2'], { settleMs: 1_200_000 });
  const hook = { ok: true, kind: null, exitCode: 0, message: 'ok', tail: [] };
  const record = (over: Partial<RoundRecord>) =>
    new Map([
      [
        's1',
        {
          ...newRecord('p', 'CHG1', 's1'),
          drainStartedAt: 1,
          hookStartedAt: 2,
          hookEndedAt: 3,
          hook,
          ...over,
        },
      ],
    ]);
  const rebooted = observe([p], { s1: { status: 'Stopped', startType: 'Manual' } });
  const returning = planWithMaintenance(desired(p), rebooted, NOW, null, {
    records: new Map([['p', record({})]]),
    gates: new Map(),
    liveHooks: new Set(),
  });
  assert.equal(steps(returning.plan), ['s1:set-startup-type', 's1:start']);
  // The next drain waits for the window: a blocked change (exit 3), the return is not.
  assert.equal(
    returning.plan.blocked.map((b) => `${b.server} ${b.rule}: ${b.message}`),
    [
      's2 maintenance-window: round CHG1: draining s2 waits for a maintenance window: opens Tue 22:00 Europe/Berlin, in 3h12m',
    ],
  );
  const settling = planWithMaintenance(desired(p), observe([p]), NOW, null, {
    records: new Map([['p', record({ doneAt: NOW - 60_000 })]]),
    gates: new Map(),
    liveHooks: new Set(),
  });
  // 17:47Z + 20m = 18:07Z = 19:07 in Berlin.
  assert.equal(
    roundsJson(settling.plan.rollouts)?.[0]?.servers[0]?.text,
    'settling until 19:07 Europe/Berlin',
  );
  assert.equal(
    roundsJson(settling.plan.rollouts)?.[0]?.servers[1]?.text,
    'waiting for window: opens Tue 22:00 Europe/Berlin, in 3h12m',
  );
  assert.is(settling.wakeAt, Date.parse('2026-11-24T21:00:00Z'));
});

test('a failed hook is an error that says how to retry; a gate that says no is a blocked change', () => {
  const p = pool('p', servers(3));
  p.maintenance = round(['s1', 's2', 's3'], { gates: [{ kind: 'lync2013-readiness' }] });
  const failed = {
    ok: false,
    kind: 'Exit',
    exitCode: 3,
    message: 'hook exited with code 3',
    tail: ['KB5031356 failed'],
  };
  const records = new Map([
    [
      'p',
      new Map([
        [
          's1',
          {
            ...newRecord('p', 'CHG1', 's1'),
            drainStartedAt: 1,
            hookStartedAt: 2,
            hookEndedAt: 3,
            hook: failed,
          },
        ],
      ]),
    ],
  ]);
  const stopped = planWithMaintenance(
    desired(p),
    observe([p], { s1: { status: 'Stopped', startType: 'Manual' } }),
    NOW,
    null,
    { records, gates: new Map(), liveHooks: new Set() },
  );
  assert.equal(stopped.plan.errors, [
    {
      pool: 'p',
      server: 's1',
      service: null,
      kind: 'HookFailed',
      message:
        'round CHG1: hook failed (exit 3) (last output: KB5031356 failed); s1 stays drained and the round is stopped. Fix the cause, then run quiesce apply --retry-hook p s1',
    },
  ]);
  assert.equal(stopped.plan.changes, []);
  const gate = {
    state: 'blocked' as const,
    message: 'lync2013-readiness: InsufficientActiveFrontEnds',
    at: NOW,
  };
  const blocked = planWithMaintenance(desired(p), observe([p]), NOW, null, {
    records: new Map(),
    gates: new Map([['p', new Map([['s1', gate]])]]),
    liveHooks: new Set(),
  });
  assert.equal(
    blocked.plan.blocked.map((b) => b.message),
    [
      'round CHG1: draining s1 is blocked by a gate: lync2013-readiness: InsufficientActiveFrontEnds',
    ],
  );
});

test('without maintenance or windows the plan is buildPlan unchanged', () => {
  const p = pool('p', servers(3, [1]));
  const { plan, rollouts } = planWithMaintenance(desired(p), observe([p]), NOW, null);
  assert.equal(steps(plan), ['s1:set-startup-type', 's1:pause']);
  assert.equal(rollouts, []);
  assert.is(plan.rollouts, undefined);
});

test.run();
