// drain.method in the plan: graceful-stop and failover drains, failback returns, the budget they use, and a
// service that cannot pause under pause (a plan error naming the methods that would work, no step on its server).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Budget, DrainMethod, Mode, PoolSpec } from '../../reconciler/model.ts';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { desired, observe, pool, seen, servers } from '../helpers/builders/fleet.ts';

const TWO = ['RTCSRV', 'RTCMEDSRV'];
const withMethod = (
  method: DrainMethod,
  modes: Record<string, Mode>,
  options: { budget?: Budget; services?: string[] } = {},
): PoolSpec => {
  const p = pool('p', modes, options);
  return { ...p, drain: { ...p.drain, method } };
};
const steps = (plan: ReturnType<typeof buildPlan>) =>
  plan.changes.map(
    (c) => `${c.server} ${c.service} ${c.action} → ${c.after.status}/${c.after.startType}`,
  );

test('graceful-stop: startup type Manual, then Stop-CsWindowsService -Graceful (Stopped, Manual)', () => {
  const p = withMethod('graceful-stop', servers(2, [1]));
  const plan = buildPlan(desired(p), observe([p], { s1: { sessions: 4 } }), 0);
  assert.equal(steps(plan), [
    's1 RTCSRV set-startup-type → Running/Manual',
    's1 RTCSRV graceful-stop → Stopped/Manual',
  ]);
  assert.match(plan.changes[1]!.reason, /Stop-CsWindowsService -Graceful/);
});

test('graceful-stop: StopPending with sessions left is a drain in progress (no step, no wait); Stopped is drained', () => {
  const p = withMethod('graceful-stop', servers(2, [1]));
  const stopping = { status: 'StopPending' as const, startType: 'Manual' as const, sessions: 3 };
  const draining = buildPlan(desired(p), observe([p], { s1: stopping }), 0);
  assert.equal(draining.changes, []);
  // Not a pending state to re-observe within seconds (watch would requeue at once): a drain, watched as a pause's.
  assert.equal(draining.waiting, []);
  assert.is(draining.summary.drainingSessions, 3);
  assert.is(draining.summary.converged, false);
  const done = buildPlan(
    desired(p),
    observe([p], { s1: { ...stopping, status: 'Stopped', sessions: 0 } }),
    0,
  );
  assert.is(done.summary.converged, true, JSON.stringify(done));
  // Under pause, a StopPending service is still a state change to wait on.
  const paused = pool('p', servers(2, [1]));
  assert.is(buildPlan(desired(paused), observe([paused], { s1: stopping }), 0).waiting.length, 1);
});

test('graceful-stop without session counters: StopPending is Draining (not done) until Stopped', () => {
  const p = withMethod('graceful-stop', servers(2, [1]));
  const unknown = { status: 'StopPending' as const, startType: 'Manual' as const, sessions: null };
  const plan = buildPlan(desired(p), observe([p], { s1: unknown }), 0);
  assert.is(plan.summary.converged, false, 'a service still stopping is no finished drain');
  const stopped = buildPlan(desired(p), observe([p], { s1: { ...unknown, status: 'Stopped' } }), 0);
  assert.is(stopped.summary.converged, true);
});

test('graceful-stop: the return starts it with the startup type its drain record keeps', () => {
  const p = withMethod('graceful-stop', servers(2));
  const plan = buildPlan(
    desired(p),
    observe([p], {
      s1: { status: 'Stopped', startType: 'Manual', restore: 'AutomaticDelayed', sessions: 0 },
    }),
    0,
  );
  assert.equal(steps(plan), [
    's1 RTCSRV set-startup-type → Stopped/AutomaticDelayed',
    's1 RTCSRV start → Running/AutomaticDelayed',
  ]);
});

test('a graceful-stop drain uses the budget as a pause does: a second server is blocked', () => {
  const p = withMethod('graceful-stop', servers(3, [1, 2]));
  const plan = buildPlan(desired(p), observe([p], { s1: { sessions: 1 } }), 0);
  assert.equal(
    plan.changes.map((c) => `${c.server} ${c.action}`),
    ['s1 set-startup-type', 's1 graceful-stop'],
  );
  assert.equal(
    plan.blocked.map((b) => `${b.server} ${b.rule}`),
    ['s2 maxUnavailable'],
  );
});

test('failover: every startup type Manual first, then one failover step per service (the computer out)', () => {
  const p = withMethod('failover', servers(3, [1]), { services: TWO });
  const plan = buildPlan(desired(p), observe([p], { s1: { sessions: 2 } }), 0);
  assert.equal(steps(plan), [
    's1 RTCSRV set-startup-type → Running/Manual',
    's1 RTCMEDSRV set-startup-type → Running/Manual',
    's1 RTCSRV failover → Stopped/Disabled',
    's1 RTCMEDSRV failover → Stopped/Disabled',
  ]);
  assert.match(plan.changes[2]!.reason, /Invoke-CsComputerFailOver/);
});

test('failover: a server failed over (Stopped, Disabled) is drained; a failover drain uses the budget', () => {
  const p = withMethod('failover', servers(3, [1, 2]), { services: TWO });
  const out = { status: 'Stopped' as const, startType: 'Disabled' as const, sessions: 0 };
  const plan = buildPlan(desired(p), observe([p], { s1: out }), 0);
  assert.equal(plan.changes, []);
  assert.equal(
    plan.blocked.map((b) => `${b.server} ${b.rule}`),
    ['s2 maxUnavailable'],
  );
});

test('failover: the return sets each startup type back, then Invoke-CsComputerFailBack', () => {
  const p = withMethod('failover', servers(3), { services: TWO });
  const out = {
    status: 'Stopped' as const,
    startType: 'Disabled' as const,
    sessions: 0,
    restore: 'AutomaticDelayed' as const,
  };
  const plan = buildPlan(desired(p), observe([p], { s1: out }), 0);
  assert.equal(steps(plan), [
    's1 RTCSRV set-startup-type → Stopped/AutomaticDelayed',
    's1 RTCMEDSRV set-startup-type → Stopped/AutomaticDelayed',
    's1 RTCSRV failback → Running/AutomaticDelayed',
    's1 RTCMEDSRV failback → Running/AutomaticDelayed',
  ]);
  // Without a drain record (failed over by hand): Automatic, and the step says so.
  const bare = buildPlan(
    desired(p),
    observe([p], { s1: { status: 'Stopped', startType: 'Disabled', sessions: 0 } }),
    0,
  );
  assert.match(bare.changes[0]!.reason, /no drain record says what it was before: Automatic$/);
  assert.is(bare.changes[2]!.action, 'failback');
});

test('a load balancer unit is drained by its pause whatever the services method', () => {
  const base = withMethod('graceful-stop', servers(2, [1]));
  const p: PoolSpec = {
    ...base,
    units: [{ name: 'haproxy:be', role: 'loadBalancer', target: 1 }, ...base.units],
    servers: base.servers.map((s) => ({
      ...s,
      services: [{ name: 'haproxy:be', mode: s.mode }, ...s.services],
    })),
  };
  const observed = observe([p]);
  for (const [, server] of observed.get('p')!)
    if (server.ok) server.services.unshift(seen('haproxy:be', { startType: null, sessions: 0 }));
  const plan = buildPlan(desired(p), observed, 0);
  assert.equal(
    plan.changes.map((c) => `${c.service} ${c.action}`),
    ['haproxy:be pause', 'RTCSRV set-startup-type', 'RTCSRV graceful-stop'],
  );
});

/** Observations of `p` where s1's RTCMEDSRV does not accept pause. */
function noPauseOnS1(p: PoolSpec) {
  const observed = observe([p]);
  observed
    .get('p')!
    .set('s1', { ok: true, services: [seen('RTCSRV'), seen('RTCMEDSRV', { canPause: false })] });
  return observed;
}

test('pause with a service that does not accept pause: a plan error naming it and the methods that would work, no step on its server', () => {
  const p = pool('p', servers(3, [1]), { services: TWO });
  const plan = buildPlan(desired(p), noPauseOnS1(p), 0);
  assert.equal(
    plan.changes.filter((c) => c.server === 's1'),
    [],
  );
  const error = plan.errors.find((e) => e.server === 's1');
  assert.is(error?.kind, 'CannotPause');
  assert.is(error?.service, 'RTCMEDSRV');
  assert.match(error?.message ?? '', /^RTCMEDSRV cannot be paused .* this pool drains by pause/);
  assert.match(error?.message ?? '', /drain\.method: graceful-stop .* or failover/);
  // Under quorum lync2013 failover is not offered (Lync Server 2013 has no Invoke-CsComputerFailOver).
  const lync = pool('p', servers(3, [1]), {
    services: TWO,
    budget: { kind: 'quorum', preset: 'lync2013' },
  });
  const message =
    buildPlan(desired(lync), noPauseOnS1(lync), 0).errors.find((e) => e.server === 's1')?.message ??
    '';
  assert.match(message, /graceful-stop/);
  assert.not.match(message, /or failover/);
  // The same service under graceful-stop drains.
  const graceful = withMethod('graceful-stop', servers(3, [1]), { services: TWO });
  const ok = buildPlan(desired(graceful), noPauseOnS1(graceful), 0);
  assert.equal(ok.errors, []);
  assert.equal(
    ok.changes.filter((c) => c.server === 's1').map((c) => `${c.service} ${c.action}`),
    [
      'RTCSRV set-startup-type',
      'RTCSRV graceful-stop',
      'RTCMEDSRV set-startup-type',
      'RTCMEDSRV graceful-stop',
    ],
  );
});

test.run();
