// The one plan-inputs assembly: records read once, gates asked only by a round that acts, one rule for unreadable records.
import { err, ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRoundRuntime } from '../../reconciler/apply/round-runtime.ts';
import { roundPlanner } from '../../reconciler/engine/plan-inputs.ts';
import { stateError } from '../../reconciler/errors.ts';
import type { MaintenanceSpec } from '../../reconciler/model.ts';
import type { RoundRecord } from '../../reconciler/plan/maintenance/round-types.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';
import { mapGateMemories, reply } from '../helpers/builders/gate-memories.ts';

/** A round CHG1 over s1 and s2 with the readiness gate. */
const round: MaintenanceSpec = {
  id: 'CHG1',
  servers: ['s1', 's2'],
  run: ['/bin/true'],
  timeoutMs: 60_000,
  settleMs: 0,
  gates: [{ kind: 'lync2013-readiness' }],
};
const p = { ...pool('p', servers(2)), maintenance: round };

/** Records in memory, and the readiness answers asked. */
function world(records: RoundRecord[] = [], unreadable = false) {
  const asked: string[] = [];
  const rows = new Map(records.map((r) => [r.server, r]));
  const runtime = createRoundRuntime(
    {
      load: async () =>
        unreadable ? err(stateError('Io', 'cannot read records/rollout')) : ok(rows),
      save: async (record) => {
        rows.set(record.server, record);
        return ok(undefined);
      },
    },
    {
      gate: {
        readiness: async (_pool, server) => {
          asked.push(server);
          return ok(reply('Ready'));
        },
        fabric: async () => ok({ missing: [] }),
        memories: mapGateMemories(),
        env: {},
        timeoutMs: 1000,
      },
      gateRecheckMs: 30_000,
      env: {},
    },
  );
  const plan = roundPlanner({ desired: desired(p), revision: null, now: () => 1_000, runtime });
  return { plan, asked, rows };
}

test('a round that acts asks the gates while planning, once, and plans with their verdicts', async () => {
  const { plan, asked } = world();
  const planned = (await plan(observe([p]), true))._unsafeUnwrap().planned;
  assert.equal(asked, ['s1']);
  const actions = planned.rollouts.flatMap((r) => r.actions.map((a) => `${a.server}:${a.kind}`));
  assert.equal(actions, ['s1:start-drain']);
});

test('a read-only plan asks no gate: the drain waits for one', async () => {
  const { plan, asked } = world();
  const planned = (await plan(observe([p]), false))._unsafeUnwrap().planned;
  assert.equal(asked, []);
  const actions = planned.rollouts.flatMap((r) => r.actions.map((a) => `${a.server}:${a.kind}`));
  assert.equal(actions, ['s1:check-gates']);
});

test('records that cannot be read are the round’s StateError (one rule for every surface)', async () => {
  const { plan } = world([], true);
  const planned = await plan(observe([p]), true);
  assert.equal(planned._unsafeUnwrapErr(), stateError('Io', 'cannot read records/rollout'));
});

test.run();
