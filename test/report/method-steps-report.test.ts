// drain.method's steps as the reports word them: the plan's text and JSON (the step kinds are data), and the
// history's time out of rotation from a graceful stop or failover to the start or failback that ended it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuditRecord } from '../../reconciler/audit-record.ts';
import type { PoolSpec } from '../../reconciler/model.ts';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { historyText } from '../../reconciler/report/history-report.ts';
import { planJson, planText } from '../../reconciler/report/plan-report.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';
import { step } from '../state/contract.ts';

const plain = createStyle(false);

test('plan text and JSON carry the method steps and their reasons', () => {
  const base = pool('p', servers(2, [1]));
  const p: PoolSpec = { ...base, drain: { ...base.drain, method: 'graceful-stop' } };
  const plan = buildPlan(desired(p), observe([p], { s1: { sessions: 2 } }), 0);
  const text = planText(plan, plain);
  assert.match(
    text,
    /~ s1 {2}RTCSRV {5}graceful-stop \(Running → Stopped\) {2}server is draining; Stop-CsWindowsService -Graceful/,
  );
  const json = JSON.parse(planJson(plan));
  assert.equal(
    json.changes.map(
      (c: { action: string; after: { status: string } }) => `${c.action} ${c.after.status}`,
    ),
    ['set-startup-type Running', 'graceful-stop Stopped'],
  );
  const fo: PoolSpec = { ...base, drain: { ...base.drain, method: 'failover' } };
  const failover = planText(buildPlan(desired(fo), observe([fo]), 0), plain);
  assert.match(failover, /failover \(Running → Stopped\) .*Invoke-CsComputerFailOver/);
});

test('history: a graceful stop or a failover opens the time out of rotation; start or failback closes it', () => {
  const stop: AuditRecord = {
    ...step('fe', 'fe02.x', '2026-01-01T10:00:00.000Z'),
    action: 'graceful-stop',
    after: { status: 'Stopped', startType: 'Manual' },
  };
  const start: AuditRecord = {
    ...stop,
    time: '2026-01-01T11:00:00.000Z',
    action: 'start',
    before: stop.after,
    after: { status: 'Running', startType: 'Automatic' },
  };
  const over: AuditRecord = { ...stop, server: 'fe03.x', action: 'failover' };
  const back: AuditRecord = {
    ...start,
    server: 'fe03.x',
    action: 'failback',
    time: '2026-01-01T12:00:00.000Z',
  };
  const text = historyText(
    [stop, over, start, back],
    plain,
    Date.parse('2026-01-01T13:00:00.000Z'),
  );
  assert.match(
    text,
    /fe02\.x {2}RTCSRV {2}graceful-stop Running\/Manual → Stopped\/Manual .* out for 1h/,
  );
  assert.match(text, /fe03\.x {2}RTCSRV {2}failover .* out for 2h/);
});

test.run();
