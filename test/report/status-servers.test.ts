// status's default view from a fleet status (no CLI): one line per server, why it is blocked, a summary per pool.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serverState, serverText } from '../../reconciler/report/status-servers.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { fleetStatus, poolSummaries } from '../../reconciler/status/index.ts';
import { desired, observe, pool, seen, servers } from '../helpers/builders/fleet.ts';

const plain = createStyle(false);
const services = ['RTCSRV', 'RTCCPS'];
const p = pool('p', servers(3, [1]), { services });
const plan = {
  changes: [],
  blocked: [{ pool: 'p', server: 's1', rule: 'maxUnavailable', message: '1 of 1 out already' }],
  errors: [],
};
const none = { changes: [], blocked: [], errors: [] };

test('one line per server with mode, state, sessions, why; a summary line per pool; read errors after', () => {
  const observed = observe([p], { s2: { sessions: 4 }, s3: 'unreachable' });
  const pools = fleetStatus(desired(p), observed, 0);
  assert.is(
    serverText(pools, poolSummaries(pools, plan as never), plan, plain),
    [
      'POOL  SERVER  MODE      STATE        SESSIONS  WHY',
      'p     s1      draining  Active       0         maxUnavailable: 1 of 1 out already',
      'p     s2      active    Active       8',
      'p     s3      active    Unreachable  ?',
      'pool p: 3 servers, 1 draining (0 drained), 0 sessions open on draining services, 1 blocked, 0 errors',
      '✗ p/s3 Unreachable: no answer',
      '',
    ].join('\n'),
  );
});

test('a missing service marks only itself: the server line names it, the other service stays Active', () => {
  const observed = observe([p]);
  observed.get('p')!.set('s2', { ok: true, services: [seen('RTCSRV')] });
  const pools = fleetStatus(desired(p), observed, 0);
  const s2 = pools[0]!.servers[1]!;
  assert.is(s2.services.find((s) => s.name === 'RTCCPS')!.health, 'Unknown');
  const missing = {
    blocked: [],
    errors: [
      { pool: 'p', server: 's2', service: 'RTCCPS', kind: 'NotFound' as const, message: 'x' },
    ],
  };
  assert.is(serverState('p', s2, missing), 'Active');
  const text = serverText(pools, [], missing, plain);
  assert.match(text, /\np +s2 +active +Active +0 +RTCCPS NotFound\n/, text);
  assert.match(text, /\np +s3 +active +Active +0\n/);
});

test("a service overridden away from its server's mode is named with its health", () => {
  const q = pool('q', { s1: 'active' }, { services });
  q.servers[0]!.services[1]!.mode = 'draining';
  const pools = fleetStatus(desired(q), observe([q]), 0);
  assert.match(
    serverText(pools, [], none, plain),
    /\nq +s1 +active +Active +0 +RTCCPS draining: Active\n/,
  );
});

test('a suspended pool is one line; state is coloured when colour is on', () => {
  const q = { ...pool('q', servers(2)), suspend: true };
  const pools = fleetStatus(desired(p, q), observe([p]), 0);
  const text = serverText(pools, poolSummaries(pools, plan as never), none, plain);
  assert.match(text, /\nq +- +- +Suspended +-\n/);
  assert.match(text, /\npool q: suspended\n/);
  const coloured = serverText(pools, [], none, createStyle(true));
  assert.ok(coloured.includes('\u001b[32mActive'), 'Active in green');
});

test.run();
