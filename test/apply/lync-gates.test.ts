// The lync gates as a round runs them: the readiness answer remembered where the context keeps it (a stopped
// round is not asked again), a memory that cannot be kept waits, reported upgrade domains recorded; lync-fabric
// asked about spec.lync.pool.
import { err, ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { GateMemory } from '../../reconciler/apply/gate-memory.ts';
import { checkGates, type GateContext } from '../../reconciler/apply/gates.ts';
import { withReportedDomains } from '../../reconciler/apply/reported-domains.ts';
import { stateError } from '../../reconciler/errors.ts';
import type { MaintenanceSpec, PoolSpec } from '../../reconciler/model.ts';
import { desired, pool, servers } from '../helpers/builders/fleet.ts';
import { mapGateMemories, reply } from '../helpers/builders/gate-memories.ts';

const T = Date.parse('2026-12-06T22:00:00Z');

const lyncPool = (maintenance: MaintenanceSpec): PoolSpec => ({
  ...pool('p', servers(3)),
  budget: { kind: 'quorum', preset: 'lync2013' },
  lync: { pool: 'pool01.contoso.com' },
  maintenance,
});

const round = (kinds: ('lync2013-readiness' | 'lync-fabric')[]) =>
  lyncPool({
    id: 'CHG1',
    servers: ['s1', 's2', 's3'],
    run: ['/bin/true'],
    timeoutMs: 60_000,
    settleMs: 0,
    gates: kinds.map((kind) => ({ kind })),
  });

function context(
  answers: { state?: string; missing?: string[] },
  map = new Map<string, GateMemory>(),
) {
  const asked: string[] = [];
  const reported = new Map<string, Map<string, string>>();
  const gate: GateContext = {
    readiness: async (_pool, server) => {
      asked.push(`readiness ${server}`);
      return ok(
        reply(answers.state ?? 'Ready', [
          { name: 'UD1', ready: true, servers: ['s1.contoso.com', 's2'] },
          { name: 'UD2', ready: true, servers: ['s3'] },
        ]),
      );
    },
    fabric: async (p, server) => {
      asked.push(`fabric ${server} ${p.lync?.pool}`);
      return ok({ missing: answers.missing ?? [] });
    },
    memories: mapGateMemories(map),
    reported,
    env: {},
    revision: null,
    timeoutMs: 1000,
    now: () => T,
  };
  return { gate, asked, reported, map };
}

test('a round its gate stopped is not asked again; the stop is where the memories are kept', async () => {
  const p = round(['lync2013-readiness']);
  const { gate, asked, map } = context({ state: 'InsufficientActiveFrontEnds' });
  assert.is((await checkGates(p, 's1', gate)).state, 'blocked');
  assert.ok(map.get('p/CHG1')?.stopped !== null);
  // Another quiesce (a new context), the same memories: stopped, and nothing is asked.
  const again = context({ state: 'Ready' }, map);
  const verdict = await checkGates(p, 's1', again.gate);
  assert.equal([verdict.state, again.asked], ['blocked', []]);
  assert.match(verdict.message, /InsufficientActiveFrontEnds .*round stopped/);
  assert.equal(asked, ['readiness s1']);
});

test('a memory that cannot be kept (or read) waits: an uncounted Busy must not be lost', async () => {
  const p = round(['lync2013-readiness']);
  const { gate } = context({ state: 'Busy' });
  const broken = {
    ...gate,
    memories: {
      load: gate.memories.load,
      save: async () => err(stateError('Io', 'cannot write records/gate')),
    },
  };
  const verdict = await checkGates(p, 's1', broken);
  assert.equal(verdict.state, 'wait');
  assert.match(verdict.message, /Busy, but it cannot be remembered \(cannot write records\/gate\)/);
  const unreadable = {
    ...gate,
    memories: { ...gate.memories, load: async () => err(stateError('Io', 'cannot read')) },
  };
  assert.match(
    (await checkGates(p, 's1', unreadable)).message,
    /cannot read what the gate remembers/,
  );
});

test('fabric first, then readiness; the upgrade domains the answer lists stand in for the YAML', async () => {
  const p = round(['lync-fabric', 'lync2013-readiness']);
  const held = context({ missing: ['Routing group A: missing replicas: 1'] });
  const waiting = await checkGates(p, 's1', held.gate);
  assert.equal([waiting.state, held.asked], ['wait', ['fabric s1 pool01.contoso.com']]);
  const { gate, asked, reported } = context({});
  const go = await checkGates(p, 's3', gate);
  assert.equal([go.state, asked], ['go', ['fabric s3 pool01.contoso.com', 'readiness s3']]);
  assert.equal(
    [...(reported.get('p') ?? [])],
    [
      ['s1', 'UD1'],
      ['s2', 'UD1'],
      ['s3', 'UD2'],
    ],
  );
  const planned = withReportedDomains(desired(p), reported).pools[0]!;
  assert.equal(
    planned.servers.map((s) => s.upgradeDomain),
    ['UD1', 'UD1', 'UD2'],
  );
  // Only under a Lync quorum preset, and never over a declared domain.
  const plain = {
    ...p,
    budget: { kind: 'maxUnavailable' as const, count: { kind: 'absolute' as const, value: 1 } },
  };
  assert.is(withReportedDomains(desired(plain), reported).pools[0], plain);
});

test.run();
