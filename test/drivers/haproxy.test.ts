// The HAProxy driver against a real haproxy, real backend servers and real client connections.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createHaproxyDriver,
  parseServersState,
  parseStatSessions,
} from '../../reconciler/drivers/haproxy/index.ts';
import { error, value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { backendServer, connect, haveHaproxy, startHaproxy } from '../helpers/harnesses/haproxy.ts';

if (!haveHaproxy()) throw new Error("haproxy is not installed: .ci/run installs Debian's haproxy");

const target = (socket: string) => ({
  driver: 'haproxy' as const,
  socket,
  backends: ['be_web'],
  servers: { 'fe01.x': 'fe01', 'fe02.x': 'fe02' },
});

function poolFile(socket: string, fe01: string, fe02 = 'active') {
  return `apiVersion: quiesce/v1
kind: Pool
metadata: {name: web}
spec:
  target:
    - driver: simulated
    - driver: haproxy
      socket: ${socket}
      backends: [be_web]
      servers: {fe01.x: fe01, fe02.x: fe02}
  loadBalancing: hardware
  services: [RTCSRV]
  budget: {maxUnavailable: 1}
  servers:
    fe01.x: ${fe01}
    fe02.x: ${fe02}
`;
}

async function setup() {
  const fe01 = await backendServer('fe01');
  const fe02 = await backendServer('fe02');
  const haproxy = await startHaproxy({ fe01: fe01.port, fe02: fe02.port });
  return {
    haproxy,
    async stop() {
      await haproxy.stop();
      await fe01.close();
      await fe02.close();
    },
  };
}

test('drain: new connections go to the other server, an open one keeps working, Drained when it closes; resume brings traffic back', async () => {
  const { haproxy, stop } = await setup();
  try {
    // Connections spread over both servers before the drain.
    const before = await Promise.all(Array.from({ length: 4 }, () => connect(haproxy.front)));
    assert.equal(new Set(before.map((c) => c.server)), new Set(['fe01', 'fe02']));
    const kept = before.find((c) => c.server === 'fe01')!;
    for (const c of before) if (c !== kept) c.close();

    const tree = tempTree({ 'web.yaml': poolFile(haproxy.admin, 'draining') });
    const state = tempTree({});
    const env = { QUIESCE_SIM_SESSION_SECONDS: '0.05' };
    const applied = await runCli(['apply', tree, '--state-dir', state], env);
    assert.is(applied.code, 0, applied.stdout + applied.stderr);
    const audit = readFileSync(join(state, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(
      audit.map((l) => `${l.service}:${l.action}`),
      ['haproxy:be_web:pause', 'RTCSRV:set-startup-type', 'RTCSRV:pause'],
      'load balancer drains first',
    );

    const after = await Promise.all(Array.from({ length: 6 }, () => connect(haproxy.front)));
    assert.ok(
      after.every((c) => c.server === 'fe02'),
      'new connections avoid the drained server',
    );
    assert.is(await kept.echo('still here'), 'still here', 'the open connection keeps working');

    let status = JSON.parse(
      (await runCli(['status', tree, '--state-dir', state, '--output', 'json'], env)).stdout,
    );
    const lb = (s: typeof status) => s.pools[0].servers[0].services[0];
    assert.equal(
      [lb(status).name, lb(status).status, lb(status).health],
      ['haproxy:be_web', 'Paused', 'Draining'],
    );
    assert.ok(lb(status).sessions >= 1);
    kept.close();
    for (const c of after) c.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    status = JSON.parse(
      (await runCli(['status', tree, '--state-dir', state, '--output', 'json'], env)).stdout,
    );
    assert.equal([lb(status).sessions, lb(status).health], [0, 'Drained']);
    const waited = await runCli(
      ['apply', tree, '--state-dir', state, '--wait', '--timeout', '10s'],
      env,
    );
    assert.is(waited.code, 0, waited.stdout);
    assert.match(waited.stdout, /fe01\.x: drained/);

    // Resume: services first, the load balancer last; traffic returns.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(tree, 'web.yaml'), poolFile(haproxy.admin, 'active'));
    const resumed = await runCli(['apply', tree, '--state-dir', state], env);
    assert.is(resumed.code, 0, resumed.stdout);
    const lines = readFileSync(join(state, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .slice(3);
    assert.equal(
      lines.map((l) => `${l.service}:${l.action}`),
      ['RTCSRV:set-startup-type', 'RTCSRV:resume', 'haproxy:be_web:resume'],
      'load balancer resumes last',
    );
    const back = await Promise.all(Array.from({ length: 4 }, () => connect(haproxy.front)));
    assert.ok(
      back.some((c) => c.server === 'fe01'),
      'traffic returns to fe01',
    );
    for (const c of back) c.close();
  } finally {
    await stop();
  }
});

test('Drained only when both layers are at zero: services still draining keep the server Draining', async () => {
  const { haproxy, stop } = await setup();
  try {
    const tree = tempTree({ 'web.yaml': poolFile(haproxy.admin, 'draining') });
    const state = tempTree({});
    const slow = { QUIESCE_SIM_SESSION_SECONDS: '1000' };
    assert.is((await runCli(['apply', tree, '--state-dir', state], slow)).code, 0);
    const status = JSON.parse(
      (await runCli(['status', tree, '--state-dir', state, '--output', 'json'], slow)).stdout,
    );
    const [lb, svc] = status.pools[0].servers[0].services;
    assert.equal([lb.health, lb.sessions], ['Drained', 0]);
    assert.is(svc.health, 'Draining');
    const timedOut = await runCli(
      ['apply', tree, '--state-dir', state, '--wait', '--timeout', '1s'],
      slow,
    );
    assert.is(timedOut.code, 4, 'not Drained while the services layer still has sessions');
  } finally {
    await stop();
  }
});

test('operational DOWN is Degraded, and counts against the budget', async () => {
  const fe01 = await backendServer('fe01');
  const haproxy = await startHaproxy({ fe01: fe01.port, fe02: 1 }); // nothing listens on port 1
  try {
    const driver = createHaproxyDriver(target(haproxy.admin));
    const [seen] = value(await driver.observe('fe02.x', ['haproxy:be_web']));
    assert.equal([seen!.status, seen!.down], ['Running', true]);
    const tree = tempTree({ 'web.yaml': poolFile(haproxy.admin, 'draining') });
    const out = await runCli(['plan', tree, '--state-dir', tempTree({})]);
    assert.is(out.code, 3, out.stdout);
    assert.match(out.stdout, /fe02\.x \(haproxy:be_web down\)/);
  } finally {
    await haproxy.stop();
    await fe01.close();
  }
});

test('errors from the real socket: missing socket, user-level socket, unknown backend and server', async () => {
  const { haproxy, stop } = await setup();
  try {
    const missing = createHaproxyDriver(target(join(haproxy.dir, 'nope.sock')));
    const gone = error(await missing.observe('fe01.x', ['haproxy:be_web']));
    assert.equal([gone.kind, gone.transient], ['Unreachable', true]);
    const userLevel = createHaproxyDriver(target(haproxy.user));
    const denied = error(await userLevel.run('fe01.x', 'haproxy:be_web', { action: 'pause' }));
    assert.equal([denied.kind, denied.transient], ['AccessDenied', false]);
    assert.match(denied.message, /level admin/);
    const driver = createHaproxyDriver(target(haproxy.admin));
    assert.is(error(await driver.observe('fe01.x', ['haproxy:be_nope'])).kind, 'NotFound');
    assert.is(error(await driver.observe('fe09.x', ['haproxy:be_web'])).kind, 'NotFound');
    // A pool server named like an Object property is a plain name, not Object.prototype's member.
    const odd = error(await driver.observe('constructor', ['haproxy:be_web']));
    assert.equal(
      [odd.kind, odd.message],
      ['NotFound', 'HAProxy backend be_web has no server constructor'],
    );
    assert.is(
      error(await driver.run('fe09.x', 'haproxy:be_web', { action: 'pause' })).kind,
      'NotFound',
    );
    const refused = createHaproxyDriver({ ...target('tcp://127.0.0.1:1') });
    assert.is(error(await refused.observe('fe01.x', ['haproxy:be_web'])).kind, 'Unreachable');
  } finally {
    await stop();
  }
});

test('observing every server of a backend costs one runtime call', async () => {
  const { haproxy, stop } = await setup();
  try {
    const driver = createHaproxyDriver(target(haproxy.admin));
    await Promise.all(['fe01.x', 'fe02.x'].map((s) => driver.observe(s, ['haproxy:be_web'])));
    assert.is(driver.calls.commands, 1);
  } finally {
    await stop();
  }
});

// Shapes as HAProxy 2.6 prints them (read off Debian's haproxy 2.6.12 in this repository's tests).
const STATE = `1
# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
3 be_web 1 fe01 127.0.0.1 2 8 1 1 0 1 0 2 0 0 0 0 - 18081 - 0 0 - - 0
3 be_web 2 fe02 127.0.0.1 0 1 1 1 1 8 2 0 14 0 0 0 - 18082 - 0 0 - - 0
`;

test('parsers: servers state and stat CSV, and truncated or foreign answers', () => {
  const servers = parseServersState(STATE);
  assert.ok(typeof servers !== 'string');
  if (typeof servers === 'string') return;
  assert.equal(servers.get('fe01'), { opState: 2, adminState: 8, sessions: null });
  assert.equal(servers.get('fe02'), { opState: 0, adminState: 1, sessions: null });
  assert.match(String(parseServersState(STATE.slice(0, -30))), /truncated row/);
  assert.match(String(parseServersState('Unknown command\n')), /not a version-1/);
  const csv = '# pxname,svname,qcur,qmax,scur,smax\nbe_web,fe01,0,0,3,5\nbe_web,fe02,0,0,0,1\n';
  assert.equal(
    [...(parseStatSessions(csv) as Map<string, number>)],
    [
      ['fe01', 3],
      ['fe02', 0],
    ],
  );
  assert.match(
    String(parseStatSessions('# pxname,svname,qcur,qmax,scur,smax\nbe_web,fe01,0\n')),
    /truncated row/,
  );
});

test.run();
