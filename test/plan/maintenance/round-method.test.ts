// A round's next drain under drain.method: a server with a Running service that does not accept pause is held
// (pending, naming it and the methods that would work) rather than drained into CannotPause; under
// graceful-stop the same server is drained.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DrainMethod, PoolSpec } from '../../../reconciler/model.ts';
import { deriveRound } from '../../../reconciler/plan/maintenance/round.ts';
import { observe, pool, servers } from '../../helpers/builders/fleet.ts';

function roundPool(method?: DrainMethod): PoolSpec {
  const p = pool('p', servers(2), { services: ['RTCSRV', 'RTCMEDSRV'] });
  return {
    ...p,
    drain: method === undefined ? p.drain : { ...p.drain, method },
    maintenance: {
      id: 'CHG1',
      servers: ['s1', 's2'],
      run: ['/bin/true'],
      timeoutMs: 60_000,
      settleMs: 0,
      gates: [],
    },
  };
}

function derive(p: PoolSpec) {
  const observed = observe([p]).get('p')!;
  const s1 = observed.get('s1')!;
  if (s1.ok) s1.services[1] = { ...s1.services[1]!, canPause: false };
  return deriveRound({
    pool: p,
    observed,
    records: new Map(),
    window: { allowed: true, until: null, zone: null, text: 'always' },
    gates: new Map(),
    liveHooks: new Set(),
    now: 1_000_000,
  });
}

test('pause: the round holds a server whose service cannot pause, naming the methods that would work', () => {
  const r = derive(roundPool());
  assert.equal(r.actions, []);
  const phase = r.servers.find((s) => s.name === 's1')?.phase;
  assert.is(phase?.phase, 'pending');
  assert.match(
    phase?.phase === 'pending' ? phase.message : '',
    /^cannot drain: RTCMEDSRV does not accept pause and this pool drains by pause; a method that would work: drain\.method: graceful-stop/,
  );
});

test('graceful-stop: the same server is drained', () => {
  const r = derive(roundPool('graceful-stop'));
  assert.equal(
    r.actions.map((a) => `${a.kind} ${a.server}`),
    ['start-drain s1'],
  );
});

test.run();
