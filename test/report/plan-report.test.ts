import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { planJson, planMarkdown, planText } from '../../reconciler/report/plan-report.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const plain = createStyle(false);

test('markdown lists waiting items and suspended pools like the text plan', () => {
  const p = pool('p', servers(2, [1]));
  const q = { ...pool('q', servers(2)), suspend: true };
  const plan = buildPlan(desired(p, q), observe([p], { s1: { status: 'StopPending' } }), 0);
  const text = planText(plan, plain);
  const markdown = planMarkdown(plan);
  assert.match(text, /waiting p\/s1 RTCSRV is StopPending/);
  assert.match(markdown, /\*\*waiting\*\* p\/s1 RTCSRV: RTCSRV is StopPending/);
  assert.match(text, /pool q is suspended/);
  assert.match(markdown, /\*\*suspended\*\* pool q/);
});

test('the text plan never says a suspended pool matches the desired state', () => {
  const p = pool('p', servers(2));
  const q = { ...pool('q', servers(2, [1])), suspend: true };
  const text = planText(buildPlan(desired(p, q), observe([p]), 0), plain);
  assert.not.match(text, /matches the desired state/);
  assert.match(text, /suspended pools were not checked/);
  const all = planText(buildPlan(desired(p), observe([p]), 0), plain);
  assert.match(all, /no changes: the fleet matches the desired state/);
});

test('the text plan never says a fleet with a round under way matches the desired state', () => {
  const p = pool('p', servers(2));
  const plan = buildPlan(desired(p), observe([p]), 0);
  const server = {
    name: 's1',
    phase: { phase: 'draining' as const, since: 0, drained: true },
    mode: 'draining' as const,
  };
  const round = {
    pool: 'p',
    id: 'C1',
    state: 'running' as const,
    done: 0,
    total: 2,
    stoppedBy: null,
    waitingOn: null,
    window: 'always',
    at: 0,
    zone: 'UTC',
    servers: [server],
    actions: [{ kind: 'run-hook' as const, server: 's1', rerun: false }],
  };
  plan.rollouts = [round];
  plan.summary.roundActions = 1;
  const next = planText(plan, plain);
  assert.not.match(next, /matches the desired state/);
  assert.match(next, /Plan: 0 to change, 0 blocked, 0 waiting, 0 errors, 1 round action\.\n$/);
  plan.rollouts = [{ ...round, actions: [] }];
  plan.summary.roundActions = 0;
  assert.match(planText(plan, plain), /0 errors; a maintenance round is under way\.\n$/);
  plan.rollouts = [{ ...round, state: 'done', actions: [] }];
  assert.match(planText(plan, plain), /no changes: the fleet matches the desired state/);
});

test('the text plan: a blocked change with its rule, a server error, and the count line', () => {
  const p = pool('p', servers(3, [1]));
  const plan = buildPlan(desired(p), observe([p], { s3: 'unreachable' }), 0);
  assert.is(
    planText(plan, plain),
    [
      'Revision unknown revision',
      '✗ blocked p/s1 [maxUnavailable]: draining s1 would make 2 of 3 servers unavailable; maxUnavailable 1 allows 1. Unavailable now: s3 (unreachable)',
      '✗ error p/s3 [Unreachable]: no answer',
      'Plan: 0 to change, 1 blocked, 0 waiting, 1 errors.',
      '',
    ].join('\n'),
  );
});

test('the JSON plan carries every list and the summary', () => {
  const p = pool('p', servers(2, [1]));
  const plan = buildPlan(desired(p), observe([p]), 0);
  const json = JSON.parse(planJson(plan));
  assert.is(json.formatVersion, plan.formatVersion);
  assert.equal(json.changes, JSON.parse(JSON.stringify(plan.changes)));
  assert.equal(json.summary, plan.summary);
  assert.ok(json.changes.length > 0);
});

test.run();
