// Real processes: kill -9 mid-apply, SIGINT mid-drain, two applies at once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runningService } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { auditLines, exited, quiesce } from '../helpers/harnesses/child-cli.ts';

const SERVERS = ['fe01.x', 'fe02.x', 'fe03.x', 'fe04.x'];

/** A pool of four draining servers with a budget of two, each call to a server taking `latencyMs`. */
function scenario(latencyMs: number) {
  const tree = tempTree({
    'p.yaml': `apiVersion: quiesce/v1
kind: Pool
metadata: {name: p}
spec:
  target: {driver: simulated}
  loadBalancing: dns
  services: [RTCSRV, RTCMEDSRV]
  budget: {maxUnavailable: 2}
  servers:
${SERVERS.map((s) => `    ${s}: draining`).join('\n')}
`,
  });
  const service = runningService(3);
  const fleet = {
    servers: Object.fromEntries(
      SERVERS.map((s) => [
        s,
        { fault: null, latencyMs, services: { RTCSRV: service, RTCMEDSRV: service } },
      ]),
    ),
  };
  const state = tempTree({ 'simulated/p.json': JSON.stringify(fleet) });
  return { tree, state };
}

// Generous: a child started through tsx on a loaded 2-core machine can take many seconds to make its first step.
async function until(check: () => boolean, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Servers whose services are Paused (or pausing) in the simulated world. */
function pausedServers(state: string): string[] {
  const fleet = JSON.parse(readFileSync(join(state, 'simulated', 'p.json'), 'utf8'));
  return SERVERS.filter((s) =>
    Object.values(fleet.servers[s].services).some(
      (v) => (v as { status: string }).status !== 'Running',
    ),
  );
}

for (const killAfter of [1, 2, 3, 5]) {
  test(`kill -9 after ${killAfter} audit lines: no torn line, budget held, the next run converges`, async () => {
    const { tree, state } = scenario(40);
    const child = quiesce(['apply', tree, '--state-dir', state, '--concurrency', '4']);
    const done = exited(child);
    await until(() => auditLines(state).length >= killAfter || child.exitCode !== null);
    child.kill('SIGKILL');
    await done;
    assert.ok(pausedServers(state).length <= 2, `budget held at the kill: ${pausedServers(state)}`);
    // The next run takes over the dead holder's lock and carries on.
    const again = await runCli(['apply', tree, '--state-dir', state]);
    assert.is(again.code, 3, again.stdout + again.stderr); // fe03 and fe04 stay blocked by the budget
    assert.equal(pausedServers(state), ['fe01.x', 'fe02.x']);
    const lines = auditLines(state);
    assert.ok(lines.every((line) => line.server === 'fe01.x' || line.server === 'fe02.x'));
    const final = await runCli(['apply', tree, '--state-dir', state]);
    assert.is(final.code, 3);
    assert.is(auditLines(state).length, lines.length, 'a converged re-run runs no step');
  });
}

test('SIGINT: the step in flight finishes and is audited, the lock is released, exit 1', async () => {
  const { tree, state } = scenario(150);
  const child = quiesce(['apply', tree, '--state-dir', state, '--concurrency', '1', '--wait']);
  const done = exited(child);
  await until(() => auditLines(state).length >= 1);
  child.kill('SIGINT');
  const code = await done;
  assert.is(code, 1, child.output());
  assert.match(child.output(), /interrupted: finished the step in flight/);
  assert.not.ok(existsSync(join(state, 'lock')));
  const lines = auditLines(state);
  assert.ok(lines.length >= 1 && lines.length < 4, `stopped early (${lines.length} steps)`);
  const fleet = JSON.parse(readFileSync(join(state, 'simulated', 'p.json'), 'utf8'));
  for (const line of lines) {
    const service = fleet.servers[line.server as string].services[line.service as string];
    const after = line.after as { status: string; startType: string };
    assert.is(service.startType, after.startType, 'each audited step is in the world');
  }
});

test('two applies at once: the second is refused with the holder pid, exit 1', async () => {
  const { tree, state } = scenario(0);
  const first = quiesce(['apply', tree, '--state-dir', state, '--wait', '--timeout', '30s'], {
    QUIESCE_SIM_SESSION_SECONDS: '100000',
  });
  const done = exited(first);
  await until(() => existsSync(join(state, 'locks', 'p', 'lock')));
  const second = await runCli(['apply', tree, '--state-dir', state]);
  assert.is(second.code, 1);
  assert.match(
    second.stderr,
    new RegExp(
      `pool p is locked by apply on .* \\(pid ${first.pid}\\) since .*quiesce unlock p --force --id `,
    ),
  );
  first.kill('SIGTERM');
  assert.is(await done, 1);
});

test('watch: SIGTERM mid-drain finishes the step, writes status and exits 0 within 10 s', async () => {
  const { tree, state } = scenario(100);
  const child = quiesce([
    'watch',
    tree,
    '--state-dir',
    state,
    '--interval',
    '1h',
    '--concurrency',
    '1',
  ]);
  const done = exited(child);
  await until(() => auditLines(state).length >= 1);
  const sent = Date.now();
  child.kill('SIGTERM');
  assert.is(await done, 0, child.output());
  assert.ok(Date.now() - sent < 10_000);
  assert.match(child.output(), /quiesce watch: stopped; status written/);
  const status = JSON.parse(readFileSync(join(state, 'status.json'), 'utf8'));
  assert.ok(status.lastReconcile.executed >= 1);
  assert.not.ok(existsSync(join(state, 'lock')));
  auditLines(state); // every line whole
});

test.run();
