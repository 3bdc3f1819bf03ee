// quiesce serve: reads what apply and watch recorded in the state store (folder or PostgreSQL), without
// reconciling, and follows it as it changes; a fleet applied only from CI shows, rounds and windows too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clockAt, NIGHTLY_BERLIN, round } from '../helpers/builders/maintenance-pool.ts';
import { runningServer, runningService, worldJson } from '../helpers/builders/simulated-world.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli, startCli, until } from '../helpers/harnesses/capture.ts';
import { PG_PASSWORD, postgresCluster } from '../helpers/harnesses/postgres.ts';
import { parsePromText } from '../helpers/harnesses/prom-text.ts';

/** Starts `quiesce serve …store` on a free port; its address, output and stop. */
async function startServe(store: string[], env: Record<string, string> = {}) {
  const serve = startCli(
    ['serve', ...store, '--listen', '127.0.0.1:0', '--interval', '100ms'],
    env,
  );
  await until(() => /serve: (http\S+)/.test(serve.output()), 10_000, 'the address');
  const url = (/serve: (http\S+)/.exec(serve.output()) as RegExpExecArray)[1] as string;
  return { url, output: serve.output, stop: serve.stop };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON freely
type Api = any;

/** /api/status once it satisfies `ok` (serve re-reads the store every 100 ms). */
async function apiWhen(url: string, ok: (api: Api) => boolean, what: string): Promise<Api> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${url}api/status`);
    const api: Api = response.status === 200 ? await response.json() : null;
    if (api !== null && ok(api)) return api;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(api)?.slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sessionsOf = (api: Api, server: string) =>
  api.pools[0].servers
    .find((s: { name: string }) => s.name === server)
    .services.reduce((n: number, s: { sessions: number | null }) => n + (s.sessions ?? 0), 0);

/** A pool p of fe01.x–fe02.x with 20 sessions on each service; `draining` are drained. */
function fleet(draining: string[]) {
  const servers = ['fe01.x', 'fe02.x'];
  const tree = tempTree({
    'p.yaml': poolYaml(
      'p',
      servers.map((s) => `${s}: ${draining.includes(s) ? 'draining' : 'active'}`).join('\n    '),
      '  budget: {maxUnavailable: 1}\n',
    ),
  });
  const state = tempTree({
    'simulated/p.json': worldJson(
      servers,
      runningServer(['RTCSRV', 'RTCMEDSRV'], runningService(20)),
    ),
  });
  return { tree, state };
}

const slow = { QUIESCE_SIM_SESSION_SECONDS: '3600' };

test('before anything is recorded serve is not ready; apply alone (no watch) shows, and serve follows it', async () => {
  const { tree, state } = fleet(['fe01.x']);
  const serve = await startServe(['--state-dir', state]);
  try {
    assert.is((await fetch(`${serve.url}readyz`)).status, 503);
    assert.is((await fetch(`${serve.url}api/status`)).status, 503);
    const applied = await runCli(['apply', tree, '--state-dir', state], slow);
    assert.is(applied.code, 0, applied.stdout + applied.stderr);
    const api = await apiWhen(serve.url, (a) => a.pools.length === 1, 'the applied pool');
    const pool = api.pools[0];
    assert.is(pool.name, 'p');
    assert.equal(
      pool.servers.map((s: { name: string; mode: string }) => `${s.name} ${s.mode}`),
      ['fe01.x draining', 'fe02.x active'],
    );
    assert.equal(
      pool.servers[0].services.map((s: { health: string }) => s.health),
      ['Draining', 'Draining'],
    );
    assert.match(pool.recorded.by, /^apply on \S+ \(pid \d+\)/);
    assert.is(api.mode, 'apply');
    assert.match(api.lastAppliedRevision.id, /@sha256:/);
    assert.is(api.lastReconcile.executed, 4);
    assert.is((await fetch(`${serve.url}readyz`)).status, 200);
    const page = await (await fetch(serve.url)).text();
    assert.match(page, /recorded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by apply on/);
    const { samples } = parsePromText(await (await fetch(`${serve.url}metrics`)).text());
    assert.ok(
      samples.some(
        (s) =>
          s.name === 'quiesce_service_info' &&
          s.labels.server === 'fe01.x' &&
          s.labels.desired === 'draining',
      ),
    );

    // A later apply (fe01 back, fe02 out; fe01 is still pausing, so fe02 is blocked) shows without a restart.
    const again = await runCli(['apply', fleet(['fe02.x']).tree, '--state-dir', state], slow);
    assert.is(again.code, 3, again.stdout + again.stderr);
    const next = await apiWhen(
      serve.url,
      (a) => a.pools[0].blocked.length > 0,
      'the blocked drain of the second apply',
    );
    assert.equal(
      next.pools[0].servers.map((s: { name: string; mode: string }) => `${s.name} ${s.mode}`),
      ['fe01.x active', 'fe02.x draining'],
    );
    assert.equal(
      next.pools[0].blocked.map((b: { server: string; rule: string }) => `${b.server} ${b.rule}`),
      ['fe02.x maxUnavailable'],
    );
    assert.is(next.conditions.find((c: { type: string }) => c.type === 'Ready').reason, 'Blocked');
    assert.match(await (await fetch(serve.url)).text(), /Blocked fe02\.x \[maxUnavailable\]/);
  } finally {
    assert.is(await serve.stop(), 0);
  }
});

test('a maintenance round and its windows show on the page, in /api/status and in /metrics', async () => {
  const r = round({ servers: 2, windows: NIGHTLY_BERLIN });
  // Tue 24 Nov 2026 18:48 Berlin: the window is closed; the round waits for it.
  const closed = await runCli(['apply', '--state-dir', r.state, r.tree], {
    ...r.env,
    ...clockAt('2026-11-24T17:48:00Z'),
  });
  assert.is(closed.code, 3, closed.stdout);
  const serve = await startServe(['--state-dir', r.state]);
  try {
    const api = await apiWhen(serve.url, (a) => a.pools.length === 1, 'the pool');
    const pool = api.pools[0];
    assert.is(pool.rollout.id, 'CHG0042');
    assert.is(pool.rollout.state, 'waiting');
    assert.equal(
      pool.rollout.servers.map((s: { phase: string }) => s.phase),
      ['waiting-window', 'pending'],
    );
    assert.match(
      pool.rollout.servers[0].text,
      /waiting for window: opens Tue 22:00 Europe\/Berlin/,
    );
    assert.equal(
      { open: pool.windows.open, at: pool.windows.changeAt, zone: pool.windows.zone },
      { open: false, at: Date.parse('2026-11-24T21:00:00Z'), zone: 'Europe/Berlin' },
    );
    const page = await (await fetch(serve.url)).text();
    assert.match(page, /Maintenance CHG0042/);
    assert.match(page, /data-phase="waiting-window"/);
    assert.match(page, /data-window="closed"/);
    const metrics = async () => {
      const { samples } = parsePromText(await (await fetch(`${serve.url}metrics`)).text());
      const one = (name: string, labels: Record<string, string> = {}) =>
        samples
          .filter(
            (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
          )
          .map((s) => s.value);
      return one;
    };
    let one = await metrics();
    assert.equal(one('quiesce_rollout_info', { pool: 'p', id: 'CHG0042', state: 'waiting' }), [1]);
    assert.equal(one('quiesce_rollout_servers', { pool: 'p', phase: 'waiting-window' }), [1]);
    assert.equal(one('quiesce_rollout_servers', { pool: 'p', phase: 'pending' }), [1]);
    assert.equal(one('quiesce_window_open', { pool: 'p' }), [0]);
    assert.equal(one('quiesce_window_change_timestamp_seconds', { pool: 'p' }), [
      Date.parse('2026-11-24T21:00:00Z') / 1000,
    ]);

    // 22:30 Berlin: the window is open; the round starts its first drain.
    const open = await runCli(['apply', '--state-dir', r.state, r.tree], {
      ...r.env,
      ...clockAt('2026-11-24T21:30:00Z'),
    });
    assert.is(open.code, 0, open.stdout);
    const running = await apiWhen(
      serve.url,
      (a) => a.pools[0].windows.open === true,
      'the open window',
    );
    assert.is(running.pools[0].rollout.state, 'running');
    assert.is(running.pools[0].rollout.servers[0].phase, 'draining');
    assert.is(running.pools[0].windows.changeAt, Date.parse('2026-11-25T03:00:00Z'));
    one = await metrics();
    assert.equal(one('quiesce_window_open', { pool: 'p' }), [1]);
    assert.equal(one('quiesce_rollout_servers', { pool: 'p', phase: 'draining' }), [1]);
  } finally {
    assert.is(await serve.stop(), 0);
  }
});

test("a watcher's rounds show in serve, with its conditions and who recorded them", async () => {
  const { tree, state } = fleet(['fe01.x']);
  const watch = startCli(['watch', tree, '--state-dir', state, '--interval', '1s'], slow);
  const serve = await startServe(['--state-dir', state]);
  try {
    const api = await apiWhen(
      serve.url,
      (a) => a.pools.length === 1 && a.lastReconcile !== null,
      "the watcher's pool",
    );
    assert.match(api.pools[0].recorded.by, /^watch on /);
    assert.is(api.mode, 'apply');
    assert.ok(api.conditions.some((c: { type: string }) => c.type === 'Ready'));
    assert.equal(
      api.pools[0].servers.map((s: { name: string; mode: string }) => `${s.name} ${s.mode}`),
      ['fe01.x draining', 'fe02.x active'],
    );
    // Round after round, serve follows (the watcher's last round heads the page).
    const first = api.lastReconcile.at;
    await apiWhen(serve.url, (a) => a.lastReconcile.at !== first, 'a later round');
  } finally {
    assert.is(await watch.stop(), 0);
    assert.is(await serve.stop(), 0);
  }
});

test('on PostgreSQL: apply --state alone shows in serve --state; no password anywhere', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const { tree, state } = fleet(['fe01.x']);
  const serve = await startServe([], { QUIESCE_STATE: url });
  try {
    assert.is((await fetch(`${serve.url}readyz`)).status, 503);
    const applied = await runCli(['apply', tree, '--state-dir', state, '--state', url], slow);
    assert.is(applied.code, 0, applied.stdout + applied.stderr);
    const api = await apiWhen(serve.url, (a) => a.pools.length === 1, 'the applied pool');
    assert.equal(
      api.pools[0].servers.map((s: { name: string; mode: string }) => `${s.name} ${s.mode}`),
      ['fe01.x draining', 'fe02.x active'],
    );
    assert.ok(sessionsOf(api, 'fe01.x') > 0);
    assert.match(api.pools[0].recorded.by, /^apply on /);
    assert.is((await fetch(`${serve.url}readyz`)).status, 200);
    const page = await (await fetch(serve.url)).text();
    assert.match(page, /data-pool="p"/);
    // A pool without a problem is sent collapsed: its cards come from /api/cards when it is opened.
    const cards = await (await fetch(`${serve.url}api/cards?pool=p`)).text();
    assert.match(cards, /data-server":"fe01.x"/);
    const everything = `${serve.output()}${page}${cards}${JSON.stringify(api)}${await (await fetch(`${serve.url}metrics`)).text()}`;
    assert.not.match(everything, PG_PASSWORD);
    assert.not.match(everything, encodeURIComponent(PG_PASSWORD));
  } finally {
    assert.is(await serve.stop(), 0);
  }
});

test.run();
