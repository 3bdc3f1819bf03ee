// The apply report, byte for byte: failed steps, interrupted, timed out, the summary line, and JSON.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan } from '../../reconciler/plan/index.ts';
import {
  type ApplyResult,
  applyJson,
  applyText,
  failedStepLine,
} from '../../reconciler/report/apply-report.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { fleetStatus } from '../../reconciler/status/index.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const plain = createStyle(false);
const p = pool('p', servers(2, [1]));
const draining = observe([p], { s1: { status: 'Paused', startType: 'Manual', sessions: 3 } });
const drained = observe([p], { s1: { status: 'Paused', startType: 'Manual', sessions: 0 } });
const failure = {
  pool: 'p',
  server: 's2',
  service: 'RTCSRV',
  action: 'pause',
  kind: 'Unreachable',
  message: 'no answer',
};
const outcome = (over: Partial<ApplyResult> = {}): ApplyResult => ({
  executed: 2,
  failures: [],
  timedOut: false,
  interrupted: false,
  lastPlan: buildPlan(desired(p), drained, 0),
  ...over,
});
const run = { wait: false, elapsedMs: 1_000, lastPools: [], now: 0 };

test('a failed step is one line as it happens; red only with colour on', () => {
  assert.is(failedStepLine(failure, plain), '✗ s2 RTCSRV pause failed\n');
  assert.is(
    failedStepLine(failure, createStyle(true)),
    '\u001b[31m✗\u001b[39m s2 RTCSRV pause failed\n',
  );
});

test('without --wait: the failures, then the summary line', () => {
  assert.is(
    applyText(outcome({ failures: [failure] }), run, plain),
    '✗ failed p/s2 RTCSRV pause [Unreachable]: no answer\nApplied 2 steps in 1s.\n',
  );
});

test('one step is "1 step"', () => {
  assert.match(applyText(outcome({ executed: 1 }), run, plain), /^Applied 1 step in 1s\.$/m);
});

test('--wait that converged says so; one that timed out names what it still waits on, then the plan', () => {
  assert.is(
    applyText(outcome(), { ...run, wait: true }, plain),
    'Applied 2 steps in 1s. All drains finished; the fleet matches the desired state.\n',
  );
  const lastPlan = buildPlan(desired(p), draining, 0);
  const lastPools = fleetStatus(desired(p), draining, 0);
  assert.is(
    applyText(
      outcome({ timedOut: true, lastPlan }),
      { ...run, wait: true, elapsedMs: 90_000, lastPools },
      plain,
    ),
    'timed out after 1m30s, still waiting on s1: 3 sessions left\n' +
      'Applied 2 steps in 1m30s.\n' +
      'Revision unknown revision\n' +
      '✓ no changes: every step is done; 3 sessions still draining\n',
  );
  assert.match(
    applyText(outcome({ timedOut: true, lastPlan }), { ...run, wait: true, lastPools: [] }, plain),
    /^timed out after 1s, still waiting on 3 open sessions\n/,
  );
});

test('interrupted: finished the step in flight, and never also timed out', () => {
  assert.is(
    applyText(outcome({ interrupted: true, timedOut: true }), run, plain),
    'interrupted: finished the step in flight; run apply again to continue\nApplied 2 steps in 1s.\n',
  );
});

test('JSON: the outcome and the last plan, in a fixed key order', () => {
  const revision = { id: 'r1', author: null, subject: null };
  const json = JSON.parse(applyJson(outcome({ failures: [failure] }), revision));
  assert.equal(Object.keys(json), [
    'formatVersion',
    'revision',
    'executed',
    'failures',
    'timedOut',
    'interrupted',
    'plan',
  ]);
  assert.equal(Object.keys(json.plan), ['changes', 'blocked', 'waiting', 'errors', 'summary']);
  assert.equal(json.revision, revision);
  assert.equal(json.failures, [failure]);
  assert.ok(applyJson(outcome(), revision).endsWith('}\n'));
});

test('round actions count beside the steps; a failed hook in the printed last plan is printed once', () => {
  assert.is(
    applyText(outcome({ executed: 0, roundActions: 1 }), run, plain),
    'Applied 0 steps and 1 round action in 1s.\n',
  );
  const hook = {
    pool: 'p',
    server: 's1',
    service: 'maintenance',
    action: 'run-hook',
    kind: 'HookFailed',
    message: 'round C1: hook failed (exit 3)',
  };
  assert.match(
    applyText(outcome({ failures: [hook] }), run, plain),
    /^✗ failed p\/s1 maintenance run-hook \[HookFailed\]/,
  );
  const lastPlan = buildPlan(desired(p), draining, 0);
  lastPlan.errors.push({
    pool: 'p',
    server: 's1',
    service: null,
    kind: 'HookFailed',
    message: hook.message,
  });
  const text = applyText(outcome({ failures: [hook], lastPlan }), { ...run, wait: true }, plain);
  assert.is(text.split('[HookFailed]').length, 2, text);
  assert.match(text, /✗ error p\/s1 \[HookFailed\]: round C1/);
});

test.run();
