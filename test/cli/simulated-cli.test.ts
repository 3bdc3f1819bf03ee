// The simulated world through the CLI: observing never writes it, invalid files are refused, odd names work.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runningService } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

function poolYaml(name: string, services: string[], servers: Record<string, string>) {
  return `apiVersion: quiesce/v1
kind: Pool
metadata: {name: ${name}}
spec:
  target: {driver: simulated}
  loadBalancing: hardware
  services: [${services.join(', ')}]
  budget: {maxUnavailable: 2}
  servers:
${Object.entries(servers)
  .map(([s, mode]) => `    ${s}: ${mode}`)
  .join('\n')}
`;
}

const running = runningService(2);
const world = (servers: string[]) =>
  JSON.stringify({
    servers: Object.fromEntries(
      servers.map((s) => [s, { fault: null, latencyMs: 0, services: { RTCSRV: running } }]),
    ),
  });

test('status and plan never write the fleet file, even for a server it lacks; apply adds it', async () => {
  const tree = tempTree({
    'p.yaml': poolYaml('p', ['RTCSRV'], { 'fe01.x': 'active', 'fe02.x': 'draining' }),
  });
  const state = tempTree({ 'simulated/p.json': world(['fe01.x']) });
  const path = join(state, 'simulated', 'p.json');
  const before = { text: readFileSync(path, 'utf8'), mtime: statSync(path).mtimeMs };
  for (const argv of [
    ['status', tree, '--state-dir', state],
    ['status', tree, '--state-dir', state, '--output', 'json'],
    ['plan', tree, '--state-dir', state],
    ['plan', tree, '--state-dir', state, '--output', 'json'],
  ]) {
    const run = await runCli(argv);
    assert.is(run.code, 0, run.stdout + run.stderr);
    await new Promise((resolve) => setTimeout(resolve, 40)); // past any delayed write
    assert.equal(
      { text: readFileSync(path, 'utf8'), mtime: statSync(path).mtimeMs },
      before,
      `${argv[0]} wrote the fleet file`,
    );
  }
  const plan = await runCli(['plan', tree, '--state-dir', state]);
  assert.match(plan.stdout, /fe02\.x\s+RTCSRV\s+pause/);
  const applied = await runCli(['apply', tree, '--state-dir', state]);
  assert.is(applied.code, 0, applied.stdout + applied.stderr);
  const fleet = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(Object.keys(fleet.servers), ['fe01.x', 'fe02.x']);
  assert.is(fleet.servers['fe02.x'].services.RTCSRV.status, 'Paused');
});

test('an invalid fleet file is exit 1 naming the file and the field, for plan, status and apply; nothing changes', async () => {
  const tree = tempTree({
    'p.yaml': poolYaml('p', ['RTCSRV'], { 'fe01.x': 'draining', 'fe02.x': 'active' }),
  });
  for (const [text, field] of [
    ['{"servers": []}', 'servers must be an object'],
    ['{"servers": null}', 'servers must be an object'],
    ['{"servers": {"fe01.x": {"services": []}}}', 'servers.fe01.x.services must be an object'],
    [
      '{"servers": {"fe01.x": {"latencyMs": "5", "services": {}}}}',
      'servers.fe01.x.latencyMs must be',
    ],
  ] as const) {
    const state = tempTree({ 'simulated/p.json': text });
    const path = join(state, 'simulated', 'p.json');
    for (const command of ['plan', 'status', 'apply']) {
      const run = await runCli([command, tree, '--state-dir', state]);
      const output = run.stdout + run.stderr;
      assert.is(run.code, 1, `${command} ${text}: ${output}`);
      // status prints each server's error message once issue 9 item 3 lands; plan and apply do today.
      if (command !== 'status')
        assert.ok(output.includes(`simulated state file ${path} is invalid: ${field}`), output);
      assert.not.match(output, /Applied [1-9]/);
      assert.is(readFileSync(path, 'utf8'), text);
    }
  }
});

test('constructor, toString, __proto__, hasOwnProperty work as pool, server and service names end to end', async () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
  const tree = tempTree({
    'c.yaml': poolYaml('constructor', names, {
      constructor: 'draining',
      toString: 'draining',
      hasOwnProperty: 'active',
      valueOf: 'active',
    }),
  });
  const state = tempTree({});
  const env = { QUIESCE_SIM_SESSION_SECONDS: '0.05' };
  const plan = await runCli(['plan', tree, '--state-dir', state, '--output', 'json'], env);
  assert.is(plan.code, 0, plan.stdout + plan.stderr);
  assert.is(JSON.parse(plan.stdout).changes.length, 2 * 4 * 2);
  const apply = await runCli(
    ['apply', tree, '--state-dir', state, '--wait', '--timeout', '30s'],
    env,
  );
  assert.is(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /Applied 16 steps/);
  const status = await runCli(['status', tree, '--state-dir', state, '--output', 'json'], env);
  assert.is(status.code, 0, status.stdout + status.stderr);
  assert.match(status.stdout, /"hasOwnProperty"/);
  const fleet = JSON.parse(readFileSync(join(state, 'simulated', 'constructor.json'), 'utf8'));
  assert.equal(Object.keys(fleet.servers), [
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
  ]);
  for (const server of ['constructor', 'toString']) {
    assert.equal(Object.keys(fleet.servers[server].services), names);
    for (const name of names) assert.is(fleet.servers[server].services[name].status, 'Paused');
  }
  const again = await runCli(['apply', tree, '--state-dir', state], env);
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /Applied 0 steps/);
  const audit = readFileSync(join(state, 'audit.jsonl'), 'utf8').trim().split('\n');
  assert.is(audit.length, 16);
});

test.run();
