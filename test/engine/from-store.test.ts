// plan --from-store's notes: more than three pools one run observed at one time share a line (500 pools: one).
import { ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { observedFromStore } from '../../reconciler/engine/from-store.ts';
import type { PoolSnapshot } from '../../reconciler/state/pool-snapshot.ts';
import { desired, pool } from '../helpers/builders/fleet.ts';
import { value } from '../helpers/builders/result.ts';
import { actor } from '../state/contract.ts';

const at = '2026-01-01T10:00:00.000Z';
const snapshot = (name: string, host: string): PoolSnapshot => ({
  pool: name,
  at,
  observer: actor(host),
  servers: {},
  status: null,
});

test('more than three pools observed by one run at one time share a note; up to three keep a line each', async () => {
  const names = Array.from({ length: 6 }, (_, i) => `p${i}`);
  const fleet = desired(
    ...[...names, 'q1', 'q2', 'new'].map((n) => pool(n, { 'fe01.x': 'active' })),
  );
  const store = {
    snapshots: async () =>
      ok([...names.map((n) => snapshot(n, 'r1')), snapshot('q1', 'r2'), snapshot('q2', 'r2')]),
  };
  const planned = value(await observedFromStore(store, fleet, Date.parse(at) + 60_000));
  assert.equal(planned.notes, [
    `6 pools (p0, p1 and 4 more): observed ${at} (1m ago) by apply on r1 (pid 4242), job https://ci.example.com/jobs/r1`,
    `q1: observed ${at} (1m ago) by apply on r2 (pid 4242), job https://ci.example.com/jobs/r2`,
    `q2: observed ${at} (1m ago) by apply on r2 (pid 4242), job https://ci.example.com/jobs/r2`,
    'new: never observed',
  ]);
});

test.run();
