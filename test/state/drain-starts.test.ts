// Drain records from observations: opened when first seen out of rotation, closed on return, filled in.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PoolSpec, ServerObservation, ServiceObservation } from '../../reconciler/model.ts';
import { drainStarts } from '../../reconciler/state/drain-starts.ts';

const pool = {
  name: 'lb',
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
} as unknown as PoolSpec;
const svc = (
  status: ServiceObservation['status'],
  since: number | null = null,
): ServerObservation => ({
  ok: true,
  services: [{ name: 'haproxy:be', status, startType: null, canPause: true, sessions: 3, since }],
});
const at = (iso: string) => Date.parse(iso);

test('a drain first seen is recorded at now (or at the time the driver reports)', () => {
  const now = at('2026-01-01T10:00:00Z');
  const out = drainStarts(
    pool,
    new Map([
      ['web1', svc('Paused')],
      ['web2', svc('Running')],
    ]),
    [],
    now,
  );
  assert.equal(out.record, [
    {
      pool: 'lb',
      server: 'web1',
      service: 'haproxy:be',
      began: '2026-01-01T10:00:00.000Z',
      source: 'observed',
    },
  ]);
  assert.equal(out.clear, []);
  const known = drainStarts(
    pool,
    new Map([['web1', svc('Paused', at('2026-01-01T09:00:00Z'))]]),
    [],
    now,
  );
  assert.is(known.record[0]?.began, '2026-01-01T09:00:00.000Z');
});

test('a recorded drain fills in `since` where the driver has none; a return clears it', () => {
  const drain = {
    pool: 'lb',
    server: 'web1',
    service: 'haproxy:be',
    began: '2026-01-01T08:00:00.000Z',
    source: 'paused' as const,
  };
  const out = drainStarts(
    pool,
    new Map([['web1', svc('Paused')]]),
    [drain],
    at('2026-01-01T11:00:00Z'),
  );
  assert.equal(out.record, []);
  const seen = out.observed.get('web1');
  assert.is(seen?.ok && seen.services[0]?.since, at('2026-01-01T08:00:00Z'));
  const back = drainStarts(pool, new Map([['web1', svc('Running')]]), [drain], 0);
  assert.equal(back.clear, [{ pool: 'lb', server: 'web1', service: 'haproxy:be' }]);
  const unreachable = drainStarts(
    pool,
    new Map([
      [
        'web1',
        {
          ok: false,
          error: { kind: 'Unreachable', transient: true, message: '' },
        } as ServerObservation,
      ],
    ]),
    [drain],
    0,
  );
  assert.equal(unreachable.clear, [], 'an unreachable server keeps its drain');
});

test.run();
