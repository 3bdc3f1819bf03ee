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
      startType: null,
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

const windows = (mode: 'active' | 'draining') =>
  ({
    name: 'fe',
    servers: [{ name: 'fe1', mode, reason: null, services: [{ name: 'RTCSRV', mode }] }],
  }) as unknown as PoolSpec;
const rtcsrv = (
  status: ServiceObservation['status'],
  startType: ServiceObservation['startType'],
): ServerObservation => ({
  ok: true,
  services: [{ name: 'RTCSRV', status, startType, canPause: true, sessions: 0, since: null }],
});
const made = {
  pool: 'fe',
  server: 'fe1',
  service: 'RTCSRV',
  began: '2026-01-01T08:00:00.000Z',
  source: 'paused' as const,
  startType: 'AutomaticDelayed' as const,
};
const restoreOf = (out: ReturnType<typeof drainStarts>) => {
  const seen = out.observed.get('fe1');
  return seen?.ok ? seen.services[0]?.restore : 'unread';
};

test('the startup type a drain found is handed to the return until it is back', () => {
  // Draining: the observation carries what the return will put back.
  const draining = drainStarts(
    windows('draining'),
    new Map([['fe1', rtcsrv('Paused', 'Manual')]]),
    [made],
    0,
  );
  assert.is(restoreOf(draining), 'AutomaticDelayed');
  // Between the drain's first step (Manual) and its pause: still Running, the record stays.
  const between = drainStarts(
    windows('draining'),
    new Map([['fe1', rtcsrv('Running', 'Manual')]]),
    [made],
    0,
  );
  assert.equal(between.clear, []);
  // Declared active but not yet returned (Paused), or resumed but not yet AutomaticDelayed: the record stays.
  for (const [status, type] of [
    ['Paused', 'Manual'],
    ['Running', 'Manual'],
    ['Running', 'Automatic'],
  ] as const) {
    const out = drainStarts(windows('active'), new Map([['fe1', rtcsrv(status, type)]]), [made], 0);
    assert.equal(out.clear, [], `${status}/${type}`);
    assert.is(restoreOf(out), 'AutomaticDelayed');
  }
  // Back: Running and AutomaticDelayed again: the record is cleared, nothing is left to restore.
  const back = drainStarts(
    windows('active'),
    new Map([['fe1', rtcsrv('Running', 'AutomaticDelayed')]]),
    [made],
    0,
  );
  assert.equal(back.clear, [{ pool: 'fe', server: 'fe1', service: 'RTCSRV' }]);
  assert.is(restoreOf(back), undefined);
  // A drain found (made by hand) does not know: null, and it is back once Running and Automatic.
  const found = drainStarts(
    windows('draining'),
    new Map([['fe1', rtcsrv('Paused', 'Manual')]]),
    [],
    0,
  );
  assert.is(found.record[0]?.startType, null);
  assert.is(restoreOf(found), null);
  const byHand = { ...made, source: 'observed' as const, startType: null };
  const manual = drainStarts(
    windows('active'),
    new Map([['fe1', rtcsrv('Running', 'Manual')]]),
    [byHand],
    0,
  );
  assert.is(restoreOf(manual), null);
  const automatic = drainStarts(
    windows('active'),
    new Map([['fe1', rtcsrv('Running', 'Automatic')]]),
    [byHand],
    0,
  );
  assert.equal(automatic.clear.length, 1);
});

test('an active server with no drain record is left as observed; one with a record is compared with it', () => {
  const now = at('2026-01-01T10:00:00Z');
  const web2 = svc('Running');
  const out = drainStarts(pool, new Map([['web2', web2]]), [], now);
  assert.is(out.observed.get('web2'), web2, 'nothing to fill in: the same observation');
  const record = {
    pool: 'lb',
    server: 'web2',
    service: 'haproxy:be',
    began: '2026-01-01T09:00:00.000Z',
    source: 'paused' as const,
    startType: 'Manual' as const,
  };
  const kept = drainStarts(pool, new Map([['web2', svc('Running')]]), [record], now);
  assert.equal(kept.clear, [], 'Running, not yet with the startup type the record puts back');
  const back = kept.observed.get('web2');
  assert.ok(back?.ok && back.services[0]?.restore === 'Manual', 'the startup type to put back');
});

test.run();
