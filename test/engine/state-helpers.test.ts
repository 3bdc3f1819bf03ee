// The CLI's state helpers: a round's drain records and snapshots, the audit sink, pool locks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { auditSink } from '../../reconciler/engine/audit-sink.ts';
import { observedFromStore } from '../../reconciler/engine/from-store.ts';
import { lockPools } from '../../reconciler/engine/pool-locks.ts';
import { recordObserved } from '../../reconciler/engine/record-observed.ts';
import type { DesiredState, Observations } from '../../reconciler/model.ts';
import { openFolderStore } from '../../reconciler/state/folder/folder-store.ts';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { error, value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';
import { actor, step } from '../state/contract.ts';

const desired = {
  files: [],
  pools: [
    {
      name: 'lb',
      suspend: false,
      servers: [
        {
          name: 'web1',
          mode: 'draining',
          reason: null,
          services: [{ name: 'haproxy:be', mode: 'draining' }],
        },
        {
          name: 'web2',
          mode: 'active',
          reason: null,
          services: [{ name: 'haproxy:be', mode: 'active' }],
        },
      ],
    },
  ],
} as unknown as DesiredState;
const seen = (status: 'Paused' | 'Running'): Observations =>
  new Map([
    [
      'lb',
      new Map([
        [
          'web1',
          {
            ok: true as const,
            services: [
              {
                name: 'haproxy:be',
                status,
                startType: null,
                canPause: true,
                sessions: 4,
                since: null,
              },
            ],
          },
        ],
      ]),
    ],
  ]);

test('a round records when a drain was first seen, fills it in later, and plans from the store', async () => {
  const store = openFolderStore(tempTree());
  const t0 = Date.parse('2026-01-01T10:00:00.000Z');
  value(await recordObserved(store, desired, seen('Paused'), actor('r1'), t0));
  const later = value(
    await recordObserved(store, desired, seen('Paused'), actor('r2'), t0 + 3_600_000),
  );
  const web1 = later.get('lb')?.get('web1');
  assert.is(web1?.ok && web1.services[0]?.since, t0, 'drain start filled in from the record');
  const planned = value(await observedFromStore(store, desired, t0 + 3_700_000));
  assert.equal(planned.notes, [
    'lb: observed 2026-01-01T11:00:00.000Z (1m40s ago) by apply on r2 (pid 4242), job https://ci.example.com/jobs/r2',
  ]);
  const web2 = planned.observed.get('lb')?.get('web2');
  assert.ok(
    web2 !== undefined && !web2.ok && web2.error.message.includes('not in the last observation'),
  );
  value(await recordObserved(store, desired, seen('Running'), actor('r2'), t0 + 7_200_000));
  assert.equal(value(await store.drains('lb')), [], 'back in rotation: drain cleared');
});

test('audit sink and pool locks on PostgreSQL', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const store = value(await openPostgresStore({ url }));
  const sink = auditSink(store, { pools: [], files: [] }, actor('r1'));
  value(await sink(step('lb', 'web1', '2026-01-01T10:00:00.000Z')));
  assert.equal(
    value(await store.drains('lb')).map((d) => [d.server, d.began, d.source]),
    [['web1', '2026-01-01T10:00:00.000Z', 'paused']],
  );
  value(await sink({ ...step('lb', 'web1', '2026-01-01T11:00:00.000Z'), action: 'resume' }));
  assert.equal(value(await store.drains('lb')), []);
  const audited = value(await store.queryAudit({ pool: 'lb' }));
  assert.is(audited.length, 2);
  // Each record is a change record: who ran it (the PostgreSQL store keeps the whole record).
  assert.ok(
    audited.every(
      (r) => r.action !== 'force-unlock' && r.operator?.command === actor('r1').command,
    ),
  );

  const first = value(await lockPools(store, ['b', 'a'], actor('r1'), 'rev', 0));
  assert.ok(await first.alive('a'));
  assert.not.ok(await first.alive('zz'));
  const clash = error(await lockPools(store, ['c', 'b'], actor('r2'), 'rev', 0));
  assert.is(clash.kind, 'Locked');
  assert.equal(
    value(await store.lockHolders()).map((h) => h.pool),
    ['a', 'b'],
    'c was released again',
  );
  assert.equal(await first.release(), []);
  await store.close();
});

test.run();
