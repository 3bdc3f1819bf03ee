// `quiesce plan` and `quiesce apply` in-process: exit codes, usage errors, invalid input, --wait and --timeout.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SimFleet } from '../../reconciler/drivers/simulated/index.ts';
import { writeWorld } from '../helpers/builders/simulated-world.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('CLI: plan shows blocked changes with exit 3; apply refuses them; usage errors exit 64', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: draining') });
  const state = tempTree({});
  const planned = await runCli(['plan', tree, '--state-dir', state]);
  assert.is(planned.code, 3, planned.stdout + planned.stderr);
  assert.match(
    planned.stdout,
    /blocked p\/fe02\.x \[maxUnavailable\]: draining fe02\.x would make 2 of 2 servers unavailable/,
  );
  const json = JSON.parse(
    (await runCli(['plan', tree, '--state-dir', state, '--output', 'json'])).stdout,
  );
  assert.equal(Object.keys(json), [
    'formatVersion',
    'revision',
    'changes',
    'blocked',
    'waiting',
    'errors',
    'summary',
  ]);
  assert.match(json.revision.id, /@sha256:[0-9a-f]{12}$/);
  assert.equal(Object.keys(json.changes[0]), [
    'pool',
    'server',
    'service',
    'action',
    'before',
    'after',
    'reason',
  ]);
  const applied = await runCli(['apply', tree, '--state-dir', state]);
  assert.is(applied.code, 3);
  const lines = readFileSync(join(state, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(lines.every((l) => l.server === 'fe01.x'));
  assert.equal(Object.keys(lines[0]), [
    'time',
    'revision',
    'pool',
    'server',
    'service',
    'action',
    'before',
    'after',
    'outcome',
    'error',
    'durationMs',
    'reason',
    'operator',
  ]);
  for (const argv of [
    ['apply', '--concurrency', '0'],
    ['apply', '--wait', '--timeout', 'banana'],
    ['plan', '--output', 'yaml'],
  ]) {
    assert.is((await runCli([...argv, tree, '--state-dir', state])).code, 64, argv.join(' '));
  }
});

test('CLI: invalid desired state changes nothing: no step, no state file, exit 1', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: drainig') });
  const state = tempTree({});
  const out = await runCli(['apply', tree, '--state-dir', state]);
  assert.is(out.code, 1);
  assert.match(out.stderr, /did you mean `draining`/);
  assert.not.ok(existsSync(join(state, 'audit.jsonl')));
  assert.not.ok(existsSync(join(state, 'simulated')));
});

test('CLI: a torn simulated state file is reported, exit 1, and left as it was', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: active') });
  const state = tempTree({ 'simulated/p.json': '{"servers": {' });
  const out = await runCli(['apply', tree, '--state-dir', state]);
  assert.is(out.code, 1);
  assert.match(out.stdout, /simulated state file .*p\.json is not valid JSON/);
  assert.is(readFileSync(join(state, 'simulated/p.json'), 'utf8'), '{"servers": {');
});

test('CLI: apply --wait drains and status shows Drained; --wait that cannot finish times out with exit 4', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: active') });
  const state = tempTree({});
  const env = { QUIESCE_SIM_SESSION_SECONDS: '0.05' };
  const done = await runCli(
    ['apply', tree, '--state-dir', state, '--wait', '--timeout', '20s'],
    env,
  );
  assert.is(done.code, 0, done.stdout);
  assert.match(done.stdout, /fe01\.x: drained/);
  const status = JSON.parse(
    (await runCli(['status', tree, '--state-dir', state, '--output', 'json'], env)).stdout,
  );
  assert.equal(
    status.pools[0].servers[0].services.map((s: { health: string }) => s.health),
    ['Drained', 'Drained'],
  );
  // Sessions that never end (a stuck client): the drain cannot finish in 1s.
  const stuck = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: active') });
  const stuckState = tempTree({});
  writeWorld(stuckState, 'p', {
    servers: {
      'fe01.x': {
        fault: null,
        latencyMs: 0,
        services: {
          RTCSRV: {
            status: 'Paused',
            startType: 'Manual',
            canPause: true,
            sessions: 5,
            since: Date.now(),
          },
          RTCMEDSRV: {
            status: 'Paused',
            startType: 'Manual',
            canPause: true,
            sessions: 5,
            since: Date.now(),
          },
        },
      },
    },
  });
  const timedOut = await runCli(
    ['apply', stuck, '--state-dir', stuckState, '--wait', '--timeout', '1s'],
    { QUIESCE_SIM_SESSION_SECONDS: '100000' },
  );
  assert.is(timedOut.code, 4, timedOut.stdout);
  assert.match(timedOut.stdout, /timed out after \S+, still waiting on fe01\.x: \d+ sessions left/);
});

test("CLI: time running out during the first round's steps reports the sessions left, not the applied steps (issue 20 item 5)", async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: active') });
  const state = tempTree({});
  const service = {
    status: 'Running',
    startType: 'Automatic',
    canPause: true,
    sessions: 5,
    since: 0,
  };
  // A slow server: every call takes 600 ms, so the 1 s run out while the first round's steps run.
  writeWorld(state, 'p', {
    servers: {
      'fe01.x': { fault: null, latencyMs: 600, services: { RTCSRV: service, RTCMEDSRV: service } },
    },
  } as SimFleet);
  const out = await runCli(['apply', tree, '--state-dir', state, '--wait', '--timeout', '1s'], {
    QUIESCE_SIM_SESSION_SECONDS: '100000',
  });
  assert.is(out.code, 4, out.stdout + out.stderr);
  assert.match(out.stdout, /timed out after \S+, still waiting on fe01\.x: \d+ sessions left/);
  assert.not.match(out.stdout, /still waiting on 0 open sessions/);
  const after = out.stdout.slice(out.stdout.indexOf('Applied'));
  assert.match(after, /^Applied 4 steps/);
  assert.not.match(
    after,
    /set-startup-type|pause/,
    `the applied steps are not the remaining plan:\n${after}`,
  );
});

test('CLI: apply --wait with a blocked server returns 3 at once instead of waiting for the timeout', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: draining') });
  const state = tempTree({});
  const started = Date.now();
  const out = await runCli(['apply', tree, '--state-dir', state, '--wait', '--timeout', '30s'], {
    QUIESCE_SIM_SESSION_SECONDS: '0.05',
  });
  assert.is(out.code, 3, out.stdout);
  assert.ok(Date.now() - started < 10_000);
  assert.match(out.stdout, /fe01\.x: drained/);
  assert.not.match(out.stdout, /fe02\.x: \d+ sessions? left/);
});

test('CLI: apply --wait exits with the state at its end: a drain blocked by the first plan but done by the end exits 0', async () => {
  // fe01 was drained; one commit returns fe01 and drains fe02 (maxUnavailable 1).
  const tree = tempTree({
    'p.yaml': poolYaml('p', 'fe01.x: active\n    fe02.x: draining\n    fe03.x: active'),
  });
  const state = tempTree({});
  const svc = (status: 'Paused' | 'Running') => ({
    status,
    startType: status === 'Paused' ? 'Manual' : 'Automatic',
    canPause: true,
    sessions: 0,
    since: 0,
  });
  const server = (status: 'Paused' | 'Running') =>
    ({
      fault: null,
      latencyMs: 0,
      services: { RTCSRV: svc(status), RTCMEDSRV: svc(status) },
    }) as SimFleet['servers'][string];
  writeWorld(state, 'p', {
    servers: {
      'fe01.x': server('Paused'),
      'fe02.x': server('Running'),
      'fe03.x': server('Running'),
    },
  });
  const out = await runCli(['apply', tree, '--state-dir', state, '--wait', '--timeout', '20s'], {
    QUIESCE_SIM_SESSION_SECONDS: '0.05',
  });
  assert.match(out.stdout, /blocked p\/fe02\.x/);
  assert.match(out.stdout, /All drains finished/);
  assert.is(out.code, 0, out.stdout);
});

test.run();
