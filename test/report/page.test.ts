import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deltaTree, KEEP } from '../../reconciler/report/page/delta.ts';
import { digest } from '../../reconciler/report/page/digest.ts';
import { pageHtml, pageUpdate } from '../../reconciler/report/page/document.ts';
import { layout, serverCards, troubled } from '../../reconciler/report/page/layout.ts';
import { h, toHtml } from '../../reconciler/report/page/vnode.ts';
import { HISTORY_POINTS, SessionHistory } from '../../reconciler/report/session-history.ts';
import { poolView, roundServer, row, viewOf } from '../helpers/builders/fleet-view.ts';

test('toHtml escapes text and attribute values; names from data can never be tags or handlers', () => {
  assert.is(
    toHtml(h('p', { title: '"x" <y>' }, '<script>&')),
    '<p title="&quot;x&quot; &lt;y&gt;">&lt;script&gt;&amp;</p>',
  );
  assert.throws(() => toHtml(h('p', { onclick: 'x()' })), /bad attribute/);
  assert.throws(() => toHtml(h('img src=x', {})), /bad tag/);
});

test('session history: bounded, an hour deep, one point a minute while flat, forgets servers gone', () => {
  const history = new SessionHistory();
  const t0 = 1_000_000;
  history.record(t0, new Map([['p/a', 5]]));
  history.record(t0 + 1000, new Map([['p/a', 5]]));
  assert.equal(history.of('p/a'), [[t0, 5]], 'an unchanged value adds no point within a minute');
  history.record(t0 + 2000, new Map([['p/a', 4]]));
  history.record(t0 + 3000, new Map([['p/a', 3]]));
  assert.equal(
    history.of('p/a'),
    [
      [t0, 5],
      [t0 + 3000, 3],
    ],
    'points closer than 5 s replace the last',
  );
  for (let i = 1; i <= 2000; i += 1)
    history.record(t0 + 3000 + i * 6000, new Map([['p/a', i % 7]]));
  const series = history.of('p/a');
  assert.ok(series.length <= HISTORY_POINTS);
  assert.ok((series.at(-1)?.[0] ?? 0) - (series[0]?.[0] ?? 0) <= 3600_000);
  history.record(t0 + 99_999_999, new Map([['p/b', 1]]));
  assert.equal(history.of('p/a'), []);
});

test('a delta sends changed cards whole and unchanged ones as references', () => {
  const page = (a: string, b: string) =>
    h(
      'main',
      {},
      h('header', {}, 'x'),
      h('article', { 'data-key': 'a' }, a),
      h('article', { 'data-key': 'b' }, b),
    );
  const first = deltaTree(page('1', '2'), new Map());
  assert.is(first.changed, 3);
  const same = deltaTree(page('1', '2'), first.keyed);
  assert.is(same.changed, 0);
  assert.is(same.skeleton, first.skeleton);
  const next = deltaTree(page('1', '3'), first.keyed);
  assert.is(next.changed, 1);
  assert.equal(
    next.tree,
    h(
      'main',
      {},
      h('header', {}, 'x'),
      { t: KEEP, a: { 'data-key': 'a' } },
      h('article', { 'data-key': 'b' }, '3'),
    ),
  );
});

test('keyed subtrees nest: a pool is sent when it or a card in it changed, unchanged cards as references', () => {
  const ref = (key: string) => ({ t: KEEP, a: { 'data-key': key } });
  const page = (age: string, a: string, b: string) =>
    h(
      'main',
      {},
      h(
        'section',
        { 'data-key': 'pool:p' },
        h('p', {}, age),
        h(
          'div',
          { 'data-key': 'servers:p' },
          h('article', { 'data-key': 'a' }, a),
          h('article', { 'data-key': 'b' }, b),
        ),
      ),
      h('section', { 'data-key': 'pool:q' }, h('p', {}, 'q')),
    );
  const first = deltaTree(page('1m ago', '1', '2'), new Map());
  assert.is(first.changed, 6);
  const same = deltaTree(page('1m ago', '1', '2'), first.keyed);
  assert.is(same.changed, 0);
  assert.equal(same.tree, h('main', {}, ref('pool:p'), ref('pool:q')));
  const card = deltaTree(page('1m ago', '1', '3'), first.keyed);
  assert.is(card.changed, 1, 'only the card');
  assert.equal(
    card.tree,
    h(
      'main',
      {},
      h(
        'section',
        { 'data-key': 'pool:p' },
        h('p', {}, '1m ago'),
        h('div', { 'data-key': 'servers:p' }, ref('a'), h('article', { 'data-key': 'b' }, '3')),
      ),
      ref('pool:q'),
    ),
  );
  const age = deltaTree(page('2m ago', '1', '2'), first.keyed);
  assert.is(age.changed, 1, 'only the pool');
  assert.equal(
    age.tree,
    h(
      'main',
      {},
      h('section', { 'data-key': 'pool:p' }, h('p', {}, '2m ago'), ref('servers:p')),
      ref('pool:q'),
    ),
  );
});

test("a pool with a round shows each server's phase, its windows and who recorded it; names stay text", () => {
  const evil = '<img src=x onerror=alert(1)>';
  const pool = poolView(
    'fe-east',
    { 'fe01.contoso.com': [row('RTCSRV', 'Active', 3)] },
    {
      rollout: {
        pool: 'fe-east',
        id: `CHG${evil}`,
        state: 'running',
        message: '1 of 3 done; fe02.contoso.com hook running 12m',
        window: 'open until Wed 04:00 Europe/Berlin, in 5h30m',
        servers: [
          roundServer('fe01.contoso.com', 'done'),
          roundServer('fe02.contoso.com', 'hook-running', 'hook running 12m'),
          roundServer(evil, 'waiting-window', `waiting for window: ${evil}`),
        ],
        next: ['record-done fe01.contoso.com'],
      },
      windows: {
        pool: 'fe-east',
        open: true,
        changeAt: 0,
        zone: 'Europe/Berlin',
        text: 'open until Wed 04:00 Europe/Berlin, in 5h30m',
      },
      recorded: { at: '2026-11-28T13:00:00.000Z', by: `apply on ${evil} (pid 7)` },
    },
  );
  const html = pageHtml(
    pageUpdate(viewOf([pool], { at: '2026-11-28T14:30:00.000Z' }), new SessionHistory(), 1),
  );
  assert.match(
    html,
    '<div class="rollout" data-rollout="CHG&lt;img src=x onerror=alert(1)&gt;" data-key="rollout:fe-east">',
  );
  assert.match(html, '<tr data-phase="hook-running" data-round-server="fe02.contoso.com">');
  assert.match(html, '<td class="what">hook running 12m</td>');
  assert.match(html, '<p class="windows" data-window="open"><b>Windows </b>');
  assert.match(html, 'recorded 2026-11-28 13:00:00 UTC by apply on &lt;img');
  assert.match(html, '(pid 7), 1h30m ago</p>', 'how old the record is');
  assert.match(html, 'next: record-done fe01.contoso.com');
  assert.not.match(html, '<img', 'every name is text');
});

test('only a pool with a problem starts expanded with its cards; the others carry a digest of theirs', () => {
  const one = (health: Parameters<typeof row>[1], extra = {}) =>
    poolView('p', { 'fe01.x': [row('RTCSRV', health, 3)] }, extra);
  const blocked = [{ server: 'fe01.x', rule: 'maxUnavailable', message: 'too many' }];
  const error = [{ server: 'fe01.x', service: null, kind: 'DriverError', message: 'down' }];
  const rollout = (state: string, phase: string) =>
    ({
      pool: 'p',
      id: 'CHG1',
      state,
      message: '',
      window: '',
      servers: [roundServer('fe01.x', phase as never)],
      next: [],
    }) as never;
  for (const [what, pool] of [
    ['Stalled', one('Stalled')],
    ['Degraded', one('Degraded')],
    ['blocked', one('Active', { blocked })],
    ['failed', one('Active', { errors: error })],
    ['round stopped', one('Active', { rollout: rollout('stopped', 'done') })],
    ['round stalled', one('Active', { rollout: rollout('running', 'stalled') })],
  ] as const) {
    assert.ok(troubled(pool), what);
    const html = toHtml(layout(viewOf([pool]), new SessionHistory()));
    assert.match(
      html,
      '<details class="pool-servers" data-key="details:p" open="">',
      `${what}: expanded`,
    );
    assert.match(html, 'data-server="fe01.x"', `${what}: its cards inline`);
  }
  for (const [what, pool] of [
    ['Active', one('Active')],
    ['Draining', one('Draining')],
    ['Drained', one('Drained')],
    ['round running', one('Draining', { rollout: rollout('running', 'draining') })],
  ] as const) {
    assert.not.ok(troubled(pool), what);
    const html = toHtml(layout(viewOf([pool]), new SessionHistory()));
    assert.match(html, '<details class="pool-servers" data-key="details:p">', `${what}: collapsed`);
    assert.not.match(html, 'data-server=', `${what}: no card sent`);
    const sent = /data-cards="(\w+)"/.exec(html)?.[1];
    const cards = JSON.stringify(serverCards(pool, new SessionHistory()));
    assert.is(sent, digest(cards), `${what}: the digest of the cards /api/cards sends`);
  }
  const a = toHtml(layout(viewOf([one('Draining')]), new SessionHistory()));
  const b = toHtml(
    layout(
      viewOf([poolView('p', { 'fe01.x': [row('RTCSRV', 'Draining', 2)] })]),
      new SessionHistory(),
    ),
  );
  assert.is.not(
    /data-cards="(\w+)"/.exec(a)?.[1],
    /data-cards="(\w+)"/.exec(b)?.[1],
    'a session count moved: a new digest',
  );
});

test.run();
