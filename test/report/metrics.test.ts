import { Gauge, Registry } from 'prom-client';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMetrics } from '../../reconciler/report/metrics.ts';
import { poolView, roundServer, row, viewOf } from '../helpers/builders/fleet-view.ts';
import { parsePromText } from '../helpers/harnesses/prom-text.ts';

test('a round becomes the documented series, labels and types; the next round replaces them', async () => {
  const metrics = createMetrics();
  const pool = poolView(
    'fe-east',
    {
      'fe01.contoso.com': [row('RTCSRV', 'Active', 12)],
      'fe02.contoso.com': [row('RTCSRV', 'Draining', 7), row('RTCCAA', 'Paused', null)],
    },
    { blocked: [{ server: 'fe03.contoso.com', rule: 'maxUnavailable', message: 'too many' }] },
  );
  metrics.observeRound(viewOf([pool]), 0.042);
  metrics.countStep({ pool: 'fe-east', action: 'pause', outcome: 'ok' });
  metrics.countStep({ pool: 'fe-east', action: 'pause', outcome: 'ok' });
  metrics.countNotificationFailure('team', 'slack');
  const { text, contentType } = await metrics.scrape();
  assert.match(contentType, 'text/plain');
  const { samples, types } = parsePromText(text);
  const find = (name: string, labels: Record<string, string> = {}) =>
    samples.filter(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
  assert.equal(
    find('quiesce_service_info').map((s) => [s.labels, s.value]),
    [
      [
        {
          pool: 'fe-east',
          server: 'fe01.contoso.com',
          service: 'RTCSRV',
          desired: 'active',
          status: 'Running',
          health: 'Active',
        },
        1,
      ],
      [
        {
          pool: 'fe-east',
          server: 'fe02.contoso.com',
          service: 'RTCSRV',
          desired: 'draining',
          status: 'Paused',
          health: 'Draining',
        },
        1,
      ],
      [
        {
          pool: 'fe-east',
          server: 'fe02.contoso.com',
          service: 'RTCCAA',
          desired: 'draining',
          status: 'Paused',
          health: 'Paused',
        },
        1,
      ],
    ],
  );
  assert.equal(
    find('quiesce_sessions').map((s) => [s.labels.server, s.labels.service, s.value]),
    [
      ['fe01.contoso.com', 'RTCSRV', 12],
      ['fe02.contoso.com', 'RTCSRV', 7],
    ],
    'unknown sessions have no series',
  );
  assert.is(
    find('quiesce_steps_total', { pool: 'fe-east', action: 'pause', outcome: 'ok' })[0]?.value,
    2,
  );
  assert.is(find('quiesce_blocked', { pool: 'fe-east', rule: 'maxUnavailable' })[0]?.value, 1);
  assert.is(
    find('quiesce_last_applied_timestamp_seconds')[0]?.value,
    Date.parse('2026-11-28T13:00:00Z') / 1000,
  );
  assert.is(find('quiesce_reconcile_duration_seconds_count', { pool: 'fe-east' })[0]?.value, 1);
  assert.is(
    find('quiesce_reconcile_duration_seconds_bucket', { pool: 'fe-east', le: '0.05' })[0]?.value,
    1,
  );
  assert.is(
    find('quiesce_notification_delivery_failures_total', {
      notification: 'team',
      format: 'slack',
    })[0]?.value,
    1,
  );
  assert.is(find('quiesce_ready')[0]?.value, 0);
  assert.equal([...types].filter(([name]) => name.startsWith('quiesce_')).sort(), [
    ['quiesce_blocked', 'gauge'],
    ['quiesce_last_applied_timestamp_seconds', 'gauge'],
    ['quiesce_notification_delivery_failures_total', 'counter'],
    ['quiesce_ready', 'gauge'],
    ['quiesce_reconcile_duration_seconds', 'histogram'],
    ['quiesce_rollout_info', 'gauge'],
    ['quiesce_rollout_servers', 'gauge'],
    ['quiesce_service_info', 'gauge'],
    ['quiesce_sessions', 'gauge'],
    ['quiesce_steps_total', 'counter'],
    ['quiesce_window_change_timestamp_seconds', 'gauge'],
    ['quiesce_window_open', 'gauge'],
  ]);
  assert.not.match(text, /process_|nodejs_/, 'its own registry: no default metrics');

  metrics.observeRound(
    viewOf([poolView('fe-east', { 'fe01.contoso.com': [row('RTCSRV', 'Active', 3)] })]),
    null,
  );
  const again = parsePromText((await metrics.scrape()).text).samples;
  assert.is(
    again.filter((s) => s.name === 'quiesce_service_info').length,
    1,
    'a server gone is gone',
  );
  assert.is(again.filter((s) => s.name === 'quiesce_blocked').length, 0, 'a cleared block is gone');
});

test('a maintenance round and windows become rollout and window series; a pool without them has none', async () => {
  const metrics = createMetrics();
  const night = poolView(
    'fe-east',
    { 'fe01.contoso.com': [row('RTCSRV', 'Active', 3)] },
    {
      rollout: {
        pool: 'fe-east',
        id: 'CHG0042',
        state: 'running',
        message: '1 of 4 done',
        window: 'open until Wed 04:00 Europe/Berlin, in 5h30m',
        servers: [
          roundServer('fe01.contoso.com', 'done'),
          roundServer('fe02.contoso.com', 'hook-running'),
          roundServer('fe03.contoso.com', 'pending'),
          roundServer('fe04.contoso.com', 'pending'),
        ],
        next: [],
      },
      windows: {
        pool: 'fe-east',
        open: true,
        changeAt: Date.parse('2026-11-25T03:00:00Z'),
        zone: 'Europe/Berlin',
        text: 'open until Wed 04:00 Europe/Berlin, in 5h30m',
      },
    },
  );
  const plain = poolView('med-west', { 'med01.contoso.com': [row('RTCSRV', 'Active', 3)] });
  const closed = poolView(
    'edge',
    {},
    {
      windows: { pool: 'edge', open: false, changeAt: null, zone: null, text: 'closed' },
    },
  );
  metrics.observeRound(viewOf([night, plain, closed]), null);
  const { samples, types } = parsePromText((await metrics.scrape()).text);
  const series = (name: string) =>
    samples
      .filter((s) => s.name === name)
      .map((s) => `${JSON.stringify(s.labels)} ${s.value}`)
      .sort();
  assert.equal(series('quiesce_rollout_info'), [
    '{"pool":"fe-east","id":"CHG0042","state":"running"} 1',
  ]);
  assert.equal(series('quiesce_rollout_servers'), [
    '{"pool":"fe-east","phase":"done"} 1',
    '{"pool":"fe-east","phase":"hook-running"} 1',
    '{"pool":"fe-east","phase":"pending"} 2',
  ]);
  assert.equal(series('quiesce_window_open'), ['{"pool":"edge"} 0', '{"pool":"fe-east"} 1']);
  assert.equal(series('quiesce_window_change_timestamp_seconds'), [
    `{"pool":"fe-east"} ${Date.parse('2026-11-25T03:00:00Z') / 1000}`,
  ]);
  assert.is(types.get('quiesce_window_open'), 'gauge');

  // The round is gone from the desired state: so are its series.
  metrics.observeRound(viewOf([plain]), null);
  const after = parsePromText((await metrics.scrape()).text).samples;
  assert.equal(
    after.filter(
      (s) => s.name.startsWith('quiesce_rollout') || s.name.startsWith('quiesce_window'),
    ),
    [],
  );
});

test('per-service series written as text parse as prom-client would write them, odd names included', async () => {
  const odd = 'fe"01\\x\nnew.contoso.com';
  const view = viewOf([
    poolView('p"\\', {
      [odd]: [row('RTCSRV', 'Draining', 4), row('RTCCAA', 'Active', null)],
      'fe02.contoso.com': [row('RTCSRV', 'Active', 0)],
    }),
  ]);
  const metrics = createMetrics();
  metrics.observeRound(view, null);
  const text = (await metrics.scrape()).text;
  // The same series through prom-client's own gauges, as before they were written as text.
  const registry = new Registry();
  const info = new Gauge({
    name: 'quiesce_service_info',
    help: 'x',
    labelNames: ['pool', 'server', 'service', 'desired', 'status', 'health'],
    registers: [registry],
  });
  const sessions = new Gauge({
    name: 'quiesce_sessions',
    help: 'x',
    labelNames: ['pool', 'server', 'service'],
    registers: [registry],
  });
  for (const pool of view.pools)
    for (const server of pool.servers)
      for (const s of server.services) {
        const labels = { pool: pool.name, server: server.name, service: s.name };
        info.set(
          { ...labels, desired: s.desired, status: s.status ?? 'Unknown', health: s.health },
          1,
        );
        if (s.sessions !== null) sessions.set(labels, s.sessions);
      }
  const perService = (t: string) =>
    parsePromText(t)
      .samples.filter((s) => s.name === 'quiesce_service_info' || s.name === 'quiesce_sessions')
      .map((s) => JSON.stringify(s))
      .sort();
  const expected = perService(await registry.metrics());
  assert.is(expected.length, 5);
  assert.equal(perService(text), expected);
  assert.ok(
    perService(text).some((s) => s.includes(JSON.stringify(odd))),
    'the odd name back whole',
  );
  assert.is((await metrics.scrape()).text, text, 'the same view: the same text');
});

test.run();
