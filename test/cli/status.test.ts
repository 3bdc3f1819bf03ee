import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const service = {
  status: 'Running',
  startType: 'Automatic',
  canPause: true,
  sessions: 0,
  since: 0,
};
const server = (fault: string | null) => ({
  fault,
  latencyMs: 0,
  services: { RTCSRV: service, RTCMEDSRV: service },
});

test('status names each server error by kind and message: access denied is not unreachable', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: active\n    fe02.x: active') });
  const state = tempTree({});
  mkdirSync(join(state, 'simulated'));
  writeFileSync(
    join(state, 'simulated', 'p.json'),
    JSON.stringify({
      servers: { 'fe01.x': server('access-denied'), 'fe02.x': server('unreachable') },
    }),
  );
  const text = await runCli(['status', tree, '--state-dir', state, '--services']);
  assert.is(text.code, 1);
  assert.match(text.stdout, /fe01\.x +RTCSRV .*AccessDenied/);
  assert.not.match(text.stdout, /fe01\.x +RTCSRV .*[Uu]nreachable/);
  assert.match(text.stdout, /fe02\.x +RTCSRV .*Unreachable/);
  assert.match(text.stdout, /✗ p\/fe01\.x AccessDenied: \S/);
  const json = JSON.parse(
    (await runCli(['status', tree, '--state-dir', state, '-o', 'json'])).stdout,
  );
  const [fe01, fe02] = json.pools[0].servers;
  assert.is(fe01.error.kind, 'AccessDenied');
  assert.type(fe01.error.message, 'string');
  assert.is(fe02.error.kind, 'Unreachable');
});

test('status: one line per server and a summary per pool; --pool and --server narrow it', async () => {
  const tree = tempTree({
    'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: active'),
    'q.yaml': poolYaml('q', 'ed01.x: active\n    ed02.x: active'),
  });
  const state = tempTree({});
  const all = await runCli(['status', tree, '--state-dir', state]);
  assert.is(all.code, 0, all.stderr);
  const lines = all.stdout.split('\n');
  assert.match(lines[0]!, /^POOL +SERVER +MODE +STATE +SESSIONS +WHY$/);
  assert.equal(
    lines.filter((l) => /^[pq] +\S+\.x /.test(l)).map((l) => l.split(/ +/).slice(0, 3).join(' ')),
    ['p fe01.x draining', 'p fe02.x active', 'q ed01.x active', 'q ed02.x active'],
  );
  assert.match(all.stdout, /^pool p: 2 servers, 1 draining .*$/m);
  assert.match(all.stdout, /^pool q: 2 servers, 0 draining .*$/m);
  assert.not.match(all.stdout, /RTCSRV/, 'no per-service rows by default');
  const services = await runCli(['status', tree, '--state-dir', state, '--services']);
  assert.match(services.stdout, /^p +fe01\.x +RTCSRV +draining /m);
  const pool = await runCli(['status', tree, '--state-dir', state, '--pool', 'q']);
  assert.not.match(pool.stdout, /fe0\d\.x|pool p:/);
  assert.match(pool.stdout, /^q +ed02\.x /m);
  const server = await runCli(['status', tree, '--state-dir', state, '--server', 'ed02.x']);
  assert.not.match(server.stdout, /ed01\.x|fe0\d/);
  assert.match(server.stdout, /^q +ed02\.x /m);
  assert.match(server.stdout, /^pool q: 2 servers/m, "the pool's summary counts the whole pool");
  const json = JSON.parse(
    (await runCli(['status', tree, '--state-dir', state, '--server', 'ed02.x', '-o', 'json']))
      .stdout,
  );
  assert.equal(
    json.pools.map((p: { name: string; servers: { name: string }[] }) => [
      p.name,
      p.servers.map((s) => s.name),
    ]),
    [['q', ['ed02.x']]],
  );
});

test('status --pool or --server that matches nothing: exit 64, the closest name, nothing read', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('fe-pool01', 'fe01.x: active') });
  const state = tempTree({});
  const pool = await runCli(['status', tree, '--state-dir', state, '--pool', 'fe-pol01']);
  assert.is(pool.code, 64);
  assert.is(pool.stdout, '');
  assert.match(
    pool.stderr,
    /quiesce status: --pool 'fe-pol01' matches no pool in the desired state; did you mean 'fe-pool01'\? \(fe-pool01\)/,
  );
  const server = await runCli(['status', tree, '--state-dir', state, '--server', 'FE01.x']);
  assert.is(server.code, 64);
  assert.match(server.stderr, /--server 'FE01\.x' matches no server; did you mean 'fe01\.x'\?/);
  const both = await runCli([
    'status',
    tree,
    '--state-dir',
    state,
    '--pool',
    'fe-pool01',
    '--server',
    'zz',
  ]);
  assert.is(both.code, 64);
  assert.match(both.stderr, /--server 'zz' matches no server of pool fe-pool01; \(fe01\.x\)/);
});

test.run();
