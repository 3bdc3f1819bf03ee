// The round's header line in text and Markdown: the window said once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WindowSpec } from '../../reconciler/model.ts';
import { planWithMaintenance } from '../../reconciler/plan/maintenance/maintenance-plan.ts';
import { roundLines, roundMarkdown } from '../../reconciler/report/round-report.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

// Tue 24 Nov 2026 18:48 in Berlin; the nightly window opens at 22:00.
const NOW = Date.parse('2026-11-24T17:48:00Z');
const nightly: WindowSpec = {
  kind: 'allow',
  schedule: '0 22 * * *',
  durationMs: 6 * 3_600_000,
  timezone: 'Europe/Berlin',
};
const roundOf = (servers: string[]) => ({
  id: 'CHG1',
  servers,
  run: ['/bin/true'],
  timeoutMs: 60_000,
  settleMs: 0,
  gates: [],
});

test('a round waiting for its window names the window once in its header', () => {
  const p = { ...pool('p', servers(2)), windows: [nightly], maintenance: roundOf(['s1', 's2']) };
  const { plan } = planWithMaintenance(desired(p), observe([p]), NOW, null);
  const header = roundLines(plan.rollouts, createStyle(false))[0] ?? '';
  assert.is(
    header,
    'maintenance p CHG1: waiting, 0 of 2 done; next s1: waiting for window: opens Tue 22:00 Europe/Berlin, in 3h12m',
  );
  assert.is((roundMarkdown(plan.rollouts)[1] ?? '').split('opens Tue').length, 2);
});

test.run();
