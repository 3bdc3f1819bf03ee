import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { planMarkdown, planText } from '../../reconciler/report/plan-report.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { desired, observe, pool, servers } from '../helpers/fleet.ts';

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

test.run();
