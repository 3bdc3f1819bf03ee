// drain.onTimeout: stop — a drain past drain.timeout gets a stop step (no budget asked); wait keeps it Stalled.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PoolSpec } from '../../reconciler/model.ts';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { desired, observe, pool, seen, servers } from '../helpers/builders/fleet.ts';

const HOUR = 3_600_000;
const withTimeout = (onTimeout: 'wait' | 'stop'): PoolSpec => {
  const p = pool('p', servers(3, [1, 2, 3]));
  return { ...p, drain: { timeoutMs: 2 * HOUR, allowSessionLoss: false, onTimeout } };
};
const stalled = { status: 'Paused' as const, startType: 'Manual' as const, sessions: 4, since: 0 };

test('onTimeout stop: a Paused service with sessions past drain.timeout is stopped, and says why', () => {
  const p = withTimeout('stop');
  // s1 has been draining for 3 h with 4 sessions; s2 drained (0 sessions) and s3 too young are left alone.
  const observed = observe([p], { s1: stalled });
  const pool2 = observed.get('p')!;
  pool2.set('s2', { ok: true, services: [seen('RTCSRV', { ...stalled, sessions: 0 })] });
  pool2.set('s3', { ok: true, services: [seen('RTCSRV', { ...stalled, since: 2 * HOUR })] });
  const plan = buildPlan(desired(p), observed, 3 * HOUR);
  assert.equal(
    plan.changes.map((c) => `${c.server}:${c.action}:${c.after.status}/${c.after.startType}`),
    ['s1:stop:Stopped/Manual'],
  );
  assert.match(
    plan.changes[0]!.reason,
    /^server is draining; drain open 180 min, past drain.timeout with 4 sessions left: stopped \(drain.onTimeout: stop\)$/,
  );
  // The server is out already: the stop asks no budget (maxUnavailable 1, three servers out, nothing blocked).
  assert.equal(plan.blocked, []);
});

test('onTimeout wait (the default): the same drain stays Stalled, no step', () => {
  const p = withTimeout('wait');
  const plan = buildPlan(
    desired(p),
    observe([p], { s1: stalled, s2: stalled, s3: stalled }),
    3 * HOUR,
  );
  assert.equal(plan.changes, []);
});

test('after the stop, the service is Drained; declared active again, it starts and gets its startup type back', () => {
  const p = withTimeout('stop');
  const stopped = { status: 'Stopped' as const, startType: 'Manual' as const, sessions: 0 };
  assert.equal(buildPlan(desired(p), observe([p], { s1: stopped }), 3 * HOUR).changes.length, 0);
  const back = pool('p', servers(3));
  const plan = buildPlan(
    desired(back),
    observe([back], { s1: { ...stopped, restore: 'AutomaticDelayed' } }),
    3 * HOUR,
  );
  assert.equal(
    plan.changes.map((c) => `${c.server}:${c.action}:${c.after.status}/${c.after.startType}`),
    ['s1:set-startup-type:Stopped/AutomaticDelayed', 's1:start:Running/AutomaticDelayed'],
  );
});

test.run();
