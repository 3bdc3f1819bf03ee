// The one rule for lastAppliedRevision: only a reconcile that ended clean applies its revision.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stateError } from '../../reconciler/errors.ts';
import { buildPlan } from '../../reconciler/plan/plan.ts';
import { endedClean } from '../../reconciler/status/ended-clean.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const p = pool('p', servers(2));
const plan = buildPlan(desired(p), observe([p]), 0);
const clean = { failures: [], timedOut: false, interrupted: false, lastPlan: plan };

test('clean: nothing failed, stopped, timed out, blocked or erred', () => {
  assert.ok(endedClean(clean));
});

test('not clean: a failure, a state error, a timeout, an interruption, a block, an error', () => {
  const failure = {
    pool: 'p',
    server: 's1',
    service: 'RTCSRV',
    action: 'pause' as const,
    kind: 'Unexpected' as const,
    message: 'x',
  };
  const unreachable = buildPlan(desired(p), observe([p], { s1: 'unreachable' }), 0);
  assert.not.ok(endedClean({ ...clean, failures: [failure] }));
  assert.not.ok(endedClean({ ...clean, stateError: stateError('Io', 'cannot write') }));
  assert.not.ok(endedClean({ ...clean, timedOut: true }));
  assert.not.ok(endedClean({ ...clean, interrupted: true }));
  assert.not.ok(endedClean({ ...clean, lastPlan: unreachable }));
  const blocked = { ...plan, blocked: [{ pool: 'p', server: 's1', rule: 'budget', message: 'm' }] };
  assert.not.ok(endedClean({ ...clean, lastPlan: blocked as typeof plan }));
});

test.run();
