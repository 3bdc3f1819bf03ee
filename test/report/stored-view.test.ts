// The fleet put together from per-pool records and a watcher's status: who recorded what, which run heads it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  asPoolViewRecord,
  poolViewRecords,
  storedFleetView,
} from '../../reconciler/report/stored-view.ts';
import type { WatchStatus } from '../../reconciler/status/types.ts';
import { poolView, row, viewOf } from '../helpers/builders/fleet-view.ts';

const NOW = Date.parse('2026-11-28T14:00:00Z');
const pool = (name: string, sessions: number) =>
  poolView(name, { [`${name}01.x`]: [row('RTCSRV', 'Draining', sessions)] });
const ran = (at: string, id: string) => ({
  lastReconcile: { at, durationMs: 10, executed: 1 },
  lastAppliedRevision: { id, author: null, subject: null, at },
});

test('one record per pool; the records put back together in pool order, each saying who recorded it', () => {
  const ci = poolViewRecords(
    viewOf([pool('zeta', 3), pool('alpha', 5)], ran('2026-11-28T13:00:00.000Z', 'r1')),
    'apply on runner-7 (pid 42), job https://ci/1',
  );
  assert.equal(
    ci.map((r) => r.view.pools.map((p) => p.name)),
    [['zeta'], ['alpha']],
  );
  const later = poolViewRecords(
    viewOf([pool('mid', 1)], ran('2026-11-28T13:30:00.000Z', 'r2')),
    'watch on ops-1 (pid 7)',
  );
  const view = storedFleetView([...ci, ...later], null, NOW);
  assert.ok(view !== null);
  assert.equal(
    view.pools.map((p) => `${p.name} ${p.recorded?.by} ${p.recorded?.at}`),
    [
      'alpha apply on runner-7 (pid 42), job https://ci/1 2026-11-28T13:00:00.000Z',
      'mid watch on ops-1 (pid 7) 2026-11-28T13:30:00.000Z',
      'zeta apply on runner-7 (pid 42), job https://ci/1 2026-11-28T13:00:00.000Z',
    ],
  );
  assert.is(view.lastAppliedRevision?.id, 'r2', 'the latest run heads the page');
  assert.is(view.at, new Date(NOW).toISOString());
});

test("a watcher's status newer than every record heads the page; with no records it alone shows", () => {
  const records = poolViewRecords(
    viewOf([pool('p', 3)], ran('2026-11-28T13:00:00.000Z', 'r1')),
    'apply on a (pid 1)',
  );
  const status: WatchStatus = {
    formatVersion: 1,
    source: 'https://git.example.com/fleet.git#main',
    mode: 'monitor',
    lastAppliedRevision: null,
    lastAttemptedRevision: null,
    conditions: [{ type: 'Ready', status: false, reason: 'SourceUnavailable', message: 'down' }],
    pools: [],
    lastReconcile: { at: '2026-11-28T13:10:00.000Z', durationMs: 5, executed: 0 },
  };
  const view = storedFleetView(records, status, NOW);
  assert.is(view?.mode, 'monitor');
  assert.is(view?.conditions[0]?.reason, 'SourceUnavailable');
  assert.equal(
    view?.pools.map((p) => p.name),
    ['p'],
  );
  const older = {
    ...status,
    lastReconcile: { at: '2026-11-28T12:00:00.000Z', durationMs: 5, executed: 0 },
  };
  assert.is(storedFleetView(records, older, NOW)?.mode, 'apply');
  assert.equal(storedFleetView([], status, NOW)?.pools, []);
  assert.is(storedFleetView([], null, NOW), null);
});

test('records this version cannot read are left out', () => {
  assert.is(asPoolViewRecord(null), null);
  assert.is(asPoolViewRecord({ formatVersion: 2, by: 'x', view: viewOf([]) }), null);
  assert.is(asPoolViewRecord({ formatVersion: 1, by: 'x', view: { formatVersion: 1 } }), null);
  const good = poolViewRecords(viewOf([pool('p', 1)]), 'x')[0];
  assert.is(asPoolViewRecord(good), good);
});

test('a recorded pool says what its pending services were when recorded, never that they are re-observed', () => {
  const pending = { ...row('RTCSRV', 'Draining', 24), status: 'PausePending' as const };
  const records = poolViewRecords(
    viewOf(
      [
        poolView(
          'p',
          { 'fe01.x': [pending] },
          {
            waiting: [
              {
                server: 'fe01.x',
                service: 'RTCSRV',
                message: 'RTCSRV is PausePending; re-observing',
              },
            ],
          },
        ),
      ],
      ran('2026-11-28T13:00:05.000Z', 'r1'),
    ),
    'apply on a (pid 1)',
  );
  const view = storedFleetView(records, null, NOW);
  assert.equal(
    view?.pools[0]?.waiting.map((w) => `${w.server} ${w.message}`),
    ['fe01.x RTCSRV was PausePending when recorded at 13:00:05 UTC'],
  );
});

test.run();
