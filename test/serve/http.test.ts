import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listenConfigOf } from '../../reconciler/cli/surfaces.ts';
import { createMetrics } from '../../reconciler/report/metrics.ts';
import { MAX_STREAMS } from '../../reconciler/serve/http-server.ts';
import {
  notReadyReason,
  parseListen,
  Surface,
  startHttpSurface,
} from '../../reconciler/serve/index.ts';
import { poolView, row, viewOf } from '../helpers/builders/fleet-view.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const loopback = { host: '127.0.0.1', port: 0 };
const hostile = poolView(
  '<script>alert(1)</script>',
  { 'fe01.contoso.com': [row('RTCSRV', 'Draining', 4)] },
  {
    blocked: [{ server: 'fe02', rule: 'maxUnavailable', message: '<img src=x onerror=alert(2)>' }],
  },
);

test('the page escapes every name; read-only; CSP; API, health and readiness', async () => {
  const surface = new Surface(createMetrics());
  const http = await startHttpSurface(surface, loopback, null);
  try {
    assert.is((await fetch(`${http.url}readyz`)).status, 503, 'not ready before a round');
    assert.is((await fetch(http.url)).status, 503);
    const view = viewOf([hostile], {
      lastAppliedRevision: {
        id: 'r1',
        author: '"Eve" <eve@x>',
        subject: '</code><script>x()</script>',
        at: '2026-11-28T13:00:00Z',
      },
    });
    surface.publishView(view, 40);
    const page = await fetch(http.url);
    assert.is(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', "script-src 'self'");
    const html = await page.text();
    assert.not.match(html, '<script>alert', 'a pool name never becomes markup');
    assert.not.match(html, '<img', 'a blocked message never becomes markup');
    assert.not.match(html, '<script>x()', 'a commit subject never becomes markup');
    assert.match(html, '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.match(html, '&lt;img src=x onerror=alert(2)&gt;');
    assert.is((html.match(/<script/g) ?? []).length, 1, 'the only script is app.js');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(`${http.url}api/status`, { method });
      assert.is(response.status, 405, method);
      assert.is(response.headers.get('allow'), 'GET, HEAD');
    }
    assert.equal(await (await fetch(`${http.url}api/status`)).json(), view);
    assert.is((await fetch(`${http.url}readyz`)).status, 200);
    assert.is(await (await fetch(`${http.url}healthz`)).text(), 'ok\n');
    assert.is((await fetch(`${http.url}nope`)).status, 404);
    const head = await fetch(`${http.url}metrics`, { method: 'HEAD' });
    assert.is(head.status, 200);
    assert.is(await head.text(), '');
  } finally {
    await http.close();
  }
});

test('/events sends the current page, then each change, as an element tree', async () => {
  const surface = new Surface(createMetrics());
  surface.publishView(
    viewOf([poolView('fe-east', { 'fe01.contoso.com': [row('RTCSRV', 'Stalled', 9)] })]),
    1,
  );
  const http = await startHttpSurface(surface, loopback, null);
  const controller = new AbortController();
  try {
    const response = await fetch(`${http.url}events`, { signal: controller.signal });
    assert.match(response.headers.get('content-type') ?? '', 'text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const next = async () => {
      while (!/data: .*\n\n/.test(text))
        text += new TextDecoder().decode((await reader.read()).value);
      const match = /data: (.*)\n\n/.exec(text) as RegExpExecArray;
      text = text.slice((match.index ?? 0) + match[0].length);
      return JSON.parse(match[1] as string);
    };
    const first = await next();
    assert.match(JSON.stringify(first.body), '"9"');
    surface.publishView(
      viewOf([poolView('fe-east', { 'fe01.contoso.com': [row('RTCSRV', 'Stalled', 3)] })]),
      1,
    );
    const second = await next();
    assert.is(second.seq, first.seq + 1);
    assert.match(JSON.stringify(second.body), '"3"');
  } finally {
    controller.abort();
    await http.close();
  }
});

/** The `data-cards` digest of a pool's collapsed cards in a page update, or undefined when they are inline. */
const cardsDigest = (body: unknown) =>
  /"data-key":"servers:[^"]*","data-cards":"(\w+)"/.exec(JSON.stringify(body))?.[1];

test('a pool without a problem is sent collapsed, its cards by digest; /api/cards sends them', async () => {
  const surface = new Surface(createMetrics());
  const draining = (sessions: number) =>
    viewOf([poolView('fe-east', { 'fe01.contoso.com': [row('RTCSRV', 'Draining', sessions)] })]);
  surface.publishView(draining(9), 1);
  const http = await startHttpSurface(surface, loopback, null);
  const controller = new AbortController();
  try {
    const html = await (await fetch(http.url)).text();
    assert.not.match(html, 'data-server=', 'no card on the first paint');
    assert.match(html, /data-cards="\w+"/);
    const response = await fetch(`${http.url}events`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const next = async () => {
      while (!/data: .*\n\n/.test(text))
        text += new TextDecoder().decode((await reader.read()).value);
      const match = /data: (.*)\n\n/.exec(text) as RegExpExecArray;
      text = text.slice((match.index ?? 0) + match[0].length);
      return JSON.parse(match[1] as string);
    };
    const first = await next();
    assert.not.match(JSON.stringify(first.body), 'data-server', 'no card over /events');
    const before = cardsDigest(first.body);
    const fetched = await (await fetch(`${http.url}api/cards?pool=fe-east`)).json();
    assert.is(fetched.cards, before, 'the cards fetched are the ones the digest names');
    assert.match(JSON.stringify(fetched.tree), /"data-server":"fe01.contoso.com"/);
    assert.match(JSON.stringify(fetched.tree), '"9"');
    surface.publishView(draining(3), 1);
    const second = await next();
    const after = cardsDigest(second.body);
    assert.ok(after !== undefined && after !== before, 'a change in the cards changes the digest');
    assert.match(
      JSON.stringify((await (await fetch(`${http.url}api/cards?pool=fe-east`)).json()).tree),
      '"3"',
    );
    assert.is((await fetch(`${http.url}api/cards`)).status, 400, 'no pool named');
    const missing = await fetch(`${http.url}api/cards?pool=nope`);
    assert.is(missing.status, 404);
    assert.match(await missing.text(), 'no pool "nope"');
  } finally {
    controller.abort();
    await http.close();
  }
});

test('readiness: a round ran, a valid revision is in force (monitor mode too), the source is reachable', () => {
  const ready = (reason: string, extra = {}) =>
    notReadyReason(
      viewOf([], { conditions: [{ type: 'Ready', status: false, reason, message: '' }], ...extra }),
    );
  assert.is(notReadyReason(null), 'no round yet');
  assert.is(ready('Progressing', { lastReconcile: null }), 'no round yet');
  assert.is(ready('SourceUnavailable'), 'the source is unreachable');
  assert.is(ready('NoRevision'), 'no valid revision yet');
  assert.is(ready('Blocked'), null);
  assert.is(
    ready('ValidationFailed'),
    'no valid revision yet',
    'an invalid first revision: none in force',
  );
  assert.is(
    ready('ValidationFailed', { pools: [{ name: 'p' }] }),
    null,
    'an invalid revision after a valid one: the valid one stays in force',
  );
  assert.is(ready('Progressing', { lastAppliedRevision: null, mode: 'monitor' }), null);
});

test('open event streams are capped', async () => {
  const surface = new Surface(createMetrics());
  surface.publishView(viewOf([]), 1);
  const http = await startHttpSurface(surface, loopback, null);
  const controller = new AbortController();
  try {
    const open = await Promise.all(
      Array.from({ length: MAX_STREAMS }, () =>
        fetch(`${http.url}events`, { signal: controller.signal }),
      ),
    );
    assert.ok(open.every((r) => r.status === 200));
    assert.is((await fetch(`${http.url}events`)).status, 503);
    assert.is((await fetch(http.url)).status, 200, 'the page itself still loads');
  } finally {
    controller.abort();
    await http.close();
  }
});

test('a token is required everywhere but /healthz and /readyz; ?token= sets a cookie; never on the page', async () => {
  const surface = new Surface(createMetrics());
  surface.publishView(viewOf([]), 1);
  const token = 'tok-0123456789abcdef';
  const http = await startHttpSurface(surface, loopback, token);
  try {
    for (const path of ['', 'api/status', 'metrics', 'events', 'app.js'])
      assert.is((await fetch(`${http.url}${path}`)).status, 401, path);
    assert.is(
      (await fetch(`${http.url}metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
      401,
    );
    assert.is((await fetch(`${http.url}healthz`)).status, 200);
    const metrics = await fetch(`${http.url}metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.is(metrics.status, 200);
    const login = await fetch(`${http.url}?token=${token}`, { redirect: 'manual' });
    assert.is(login.status, 303);
    assert.is(login.headers.get('location'), '/');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    assert.match(login.headers.get('set-cookie') ?? '', 'HttpOnly');
    const page = await fetch(http.url, { headers: { cookie } });
    assert.is(page.status, 200);
    assert.not.match(await page.text(), token);
  } finally {
    await http.close();
  }
});

test('--listen: loopback by default; another address only with QUIESCE_HTTP_TOKEN', async () => {
  assert.equal(parseListen('9464'), { host: '127.0.0.1', port: 9464 });
  assert.equal(parseListen(':9464'), { host: '127.0.0.1', port: 9464 });
  assert.equal(parseListen('[::1]:9464'), { host: '::1', port: 9464 });
  assert.equal(parseListen('0.0.0.0:80'), { host: '0.0.0.0', port: 80 });
  assert.type(parseListen('1.2.3.4:99999'), 'string');
  assert.type(parseListen('a b:1'), 'string');
  const args = (listen: string) => ({ values: { listen }, positionals: [] });
  assert.ok(listenConfigOf(args('127.0.0.1:9464'), {}, null).isOk());
  assert.match(
    listenConfigOf(args('0.0.0.0:9464'), {}, null)._unsafeUnwrapErr(),
    'QUIESCE_HTTP_TOKEN',
  );
  assert.equal(
    listenConfigOf(args('0.0.0.0:9464'), { QUIESCE_HTTP_TOKEN: 't' }, null)._unsafeUnwrap(),
    {
      address: { host: '0.0.0.0', port: 9464 },
      token: 't',
    },
  );
  const refused = await runCli(['watch', 'desired-state', '--listen', '0.0.0.0:0']);
  assert.is(refused.code, 64);
  assert.match(refused.stderr, 'QUIESCE_HTTP_TOKEN');
  const serve = await runCli(['serve', '--listen', '[::]:0']);
  assert.is(serve.code, 64);
});

test.run();
