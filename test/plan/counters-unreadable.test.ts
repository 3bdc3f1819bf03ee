// A draining service whose session counters cannot be read is never Drained: it stays Draining with a
// CountersUnreadable error that says why, and a --wait keeps waiting (issue 20 item 3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPlan, serviceHealth } from '../../reconciler/plan/index.ts';
import { fleetStatus } from '../../reconciler/status/index.ts';
import { desired, observe, pool } from '../helpers/builders/fleet.ts';

const WHY =
  '\\LS:SIP - Peers(Clients)\\SIP - Connections Active: Unable to connect to the specified computer or the computer is offline.';

test('a paused service whose counters cannot be read is Draining, with a CountersUnreadable error; not converged', () => {
  const p = pool('fe', { fe01: 'draining' });
  const unreadable = { status: 'Paused' as const, startType: 'Manual' as const, sessions: null };
  const plan = buildPlan(
    desired(p),
    observe([p], { fe01: { ...unreadable, sessionsUnreadable: WHY } }),
    0,
  );
  assert.equal(plan.changes, []);
  assert.equal(
    plan.errors.map((e) => [e.server, e.service, e.kind]),
    [['fe01', 'RTCSRV', 'CountersUnreadable']],
  );
  assert.match(
    plan.errors[0]!.message,
    /RTCSRV stays Draining: its session counters cannot be read \(.*offline\.\)/,
  );
  assert.is(plan.summary.converged, false);
  const health = fleetStatus(
    desired(p),
    observe([p], { fe01: { ...unreadable, sessionsUnreadable: WHY } }),
    0,
  );
  assert.match(JSON.stringify(health), /Draining/);
  assert.not.match(JSON.stringify(health), /"Drained"/);
  // Without counters at all (none configured) a paused service is Paused: done, as before.
  const none = buildPlan(desired(p), observe([p], { fe01: unreadable }), 0);
  assert.equal(none.errors, []);
  assert.ok(none.summary.converged);
  assert.is(
    serviceHealth(
      'draining',
      { name: 'RTCSRV', canPause: true, since: null, ...unreadable, sessionsUnreadable: WHY },
      60_000,
      0,
    ),
    'Draining',
  );
});

test.run();
