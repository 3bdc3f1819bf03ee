// retryHook called directly: a failed hook cleared and audited; what it refuses, in one line.
import { ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { retryHook } from '../../reconciler/engine/retry-hook.ts';
import type { MaintenanceSpec } from '../../reconciler/model.ts';
import { newRecord, type RoundRecord } from '../../reconciler/plan/maintenance/round-types.ts';
import { desired, pool, servers } from '../helpers/builders/fleet.ts';

/** A round CHG1 over s1 and s2. */
const round: MaintenanceSpec = {
  id: 'CHG1',
  servers: ['s1', 's2'],
  run: ['/bin/true'],
  timeoutMs: 60_000,
  settleMs: 0,
  gates: [],
};
const p = { ...pool('p', servers(3)), maintenance: round };

test('retryHook clears a failed hook, audits retry-hook with its exit code and last lines', async () => {
  const failed: RoundRecord = {
    ...newRecord('p', 'CHG1', 's1'),
    drainStartedAt: 1,
    hookStartedAt: 2,
    hookEndedAt: 3,
    hook: {
      ok: false,
      kind: 'Exited',
      exitCode: 3,
      message: 'hook exited with code 3',
      tail: ['disk full'],
    },
  };
  const audited: unknown[] = [];
  const rows = new Map([['s1', structuredClone(failed)]]);
  const cleared = await retryHook(
    {
      desired: desired(p),
      records: {
        load: async () => ok(rows),
        save: async (record) => {
          rows.set(record.server, record);
          return ok(undefined);
        },
      },
      revision: null,
      now: () => Date.parse('2026-12-06T06:00:00Z'),
      audit: (entry) => {
        audited.push(entry);
      },
    },
    'p',
    's1',
  );
  assert.is(
    cleared._unsafeUnwrap(),
    'retrying the hook of s1 in round CHG1 (it failed: hook exited with code 3)',
  );
  assert.equal(
    [rows.get('s1')?.hook, rows.get('s1')?.hookStartedAt, rows.get('s1')?.drainStartedAt],
    [null, null, 1],
  );
  assert.equal(audited, [
    {
      time: '2026-12-06T06:00:00.000Z',
      revision: null,
      pool: 'p',
      server: 's1',
      service: 'maintenance',
      action: 'retry-hook',
      before: null,
      after: null,
      outcome: 'ok',
      error: null,
      durationMs: 0,
      maintenance: { id: 'CHG1', exitCode: 3, tail: ['disk full'] },
    },
  ]);
  const again = await retryHook(
    {
      desired: desired(p),
      records: { load: async () => ok(rows), save: async () => ok(undefined) },
      revision: null,
      now: Date.now,
      audit: () => {},
    },
    'p',
    's1',
  );
  assert.equal(again._unsafeUnwrapErr(), {
    kind: 'Refused',
    message: 's1 has no failed hook in round CHG1 of pool p; nothing to retry',
  });
});

test('retryHook names what is not there, with the names there are', async () => {
  const context = {
    desired: desired(p),
    records: { load: async () => ok(new Map()), save: async () => ok(undefined) },
    revision: null,
    now: Date.now,
    audit: () => {},
  };
  assert.equal((await retryHook(context, 'p', 's9'))._unsafeUnwrapErr(), {
    kind: 'Refused',
    message: 's9 is not a server of pool p; did you mean `s1`? (its servers: s1, s2, s3)',
  });
  assert.equal((await retryHook(context, 'p', 's3'))._unsafeUnwrapErr(), {
    kind: 'Refused',
    message:
      's3 is not in round CHG1 of pool p; did you mean `s1`? (spec.maintenance.servers: s1, s2)',
  });
});

test.run();
