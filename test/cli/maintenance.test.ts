// Maintenance rounds through the CLI in-process, on the simulated driver, with a real hook process.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allBack,
  clockAt,
  hookLog,
  NIGHTLY_BERLIN,
  retryHookArgs,
  round,
  roundAudit,
  setReadiness,
  world,
} from '../helpers/builders/maintenance-pool.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const apply = (
  r: ReturnType<typeof round>,
  extra: string[] = [],
  env: Record<string, string> = {},
) =>
  runCli(['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, ...extra, r.tree], {
    ...r.env,
    ...env,
  });

test('apply --wait rolls a pool through drain, hook, return, one server at a time, each done once', async () => {
  const r = round({ servers: 3 });
  const planned = await runCli(['plan', '--state-dir', r.state, r.tree], r.env);
  assert.match(planned.stdout, /maintenance p CHG0042: running, 0 of 3 done/);
  assert.match(planned.stdout, /fe01\.x {2}draining/);
  const json = JSON.parse(
    (await runCli(['plan', '-o', 'json', '--state-dir', r.state, r.tree], r.env)).stdout,
  );
  assert.equal(
    json.rollouts[0].servers.map((s: { phase: string }) => s.phase),
    ['draining', 'pending', 'pending'],
  );
  assert.equal(json.rollouts[0].next, ['start-drain fe01.x']);
  const { code, stdout } = await apply(r);
  assert.is(code, 0, stdout);
  assert.match(stdout, /maintenance p CHG0042: done, 3 of 3 done/);
  assert.ok(allBack(r.state), JSON.stringify(world(r.state)));
  const log = hookLog(r.log);
  assert.equal(
    log.filter(([w]) => w === 'end').map(([, s]) => s),
    r.servers,
  );
  // One at a time: each hook starts after the previous one ended.
  for (let i = 1; i < log.length; i++) assert.ok(log[i]![2] >= log[i - 1]![2]);
  const done = roundAudit(r.state)
    .filter((e) => e.action === 'record-done')
    .map((e) => e.server);
  assert.equal(done, r.servers);
  // Done for this id: another apply leaves the servers alone.
  const again = await apply(r);
  assert.is(again.code, 0);
  assert.is(hookLog(r.log).length, log.length);
  const status = await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  assert.match(status.stdout, /maintenance p CHG0042: done, 3 of 3 done/);
  const statusJson = JSON.parse(
    (await runCli(['status', '-o', 'json', '--state-dir', r.state, r.tree], r.env)).stdout,
  );
  assert.equal([statusJson.rollouts[0].id, statusJson.rollouts[0].state], ['CHG0042', 'done']);
});

test('a failing hook stops the round with the server drained; exit 1 names the retry; retry finishes it', async () => {
  const r = round({ servers: 3 });
  const failed = await apply(r, [], { HOOK_FAIL: 'fe02.x' });
  assert.is(failed.code, 1, failed.stdout);
  assert.match(
    failed.stdout,
    /\[HookFailed\]: round CHG0042: hook failed \(exit 3\) \(last output: patching fe02\.x for CHG0042 \| KB5031356 failed to install on fe02\.x\); fe02\.x stays drained/,
  );
  assert.match(failed.stdout, /quiesce apply --retry-hook p fe02\.x/);
  const w = world(r.state);
  assert.ok(
    w['fe02.x']?.every((s) => s.status === 'Paused' && s.startType === 'Manual'),
    JSON.stringify(w),
  );
  assert.ok(
    w['fe03.x']?.every((s) => s.status === 'Running'),
    'the round went on after a failed hook',
  );
  // The round stays stopped: a plain apply does not run the hook again.
  const still = await apply(r);
  assert.is(still.code, 1);
  assert.is(hookLog(r.log).filter(([w, s]) => w === 'start' && s === 'fe02.x').length, 1);
  const status = await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  assert.is(status.code, 1);
  assert.match(status.stdout, /✗ fe02\.x {2}Stalled: hook failed \(exit 3\)/);
  // Nothing to retry on a server whose hook did not fail.
  const wrong = await runCli(
    ['apply', '--retry-hook', 'p', 'fe01.x', '--state-dir', r.state, r.tree],
    r.env,
  );
  assert.is(wrong.code, 1);
  assert.match(
    wrong.stderr,
    /fe01\.x has no failed hook in round CHG0042 of pool p; nothing to retry/,
  );
  const retried = await runCli(retryHookArgs(r, 'fe02.x'), r.env);
  assert.is(retried.code, 0, retried.stdout);
  assert.match(
    retried.stdout,
    /retrying the hook of fe02\.x in round CHG0042 \(it failed: hook exited with code 3\)/,
  );
  assert.ok(allBack(r.state));
  assert.equal(
    roundAudit(r.state)
      .filter((e) => e.action === 'retry-hook')
      .map((e) => e.server),
    ['fe02.x'],
  );
  const usage = await runCli(['apply', '--retry-hook', 'p'], r.env);
  assert.is(usage.code, 64);
});

test('--retry-hook for a server not in the pool, or a pool that is not there, says so and names the nearest', async () => {
  const r = round({ servers: 3 });
  const retry = (pool: string, server: string) =>
    runCli(['apply', '--retry-hook', pool, server, '--state-dir', r.state, r.tree], r.env);
  const stranger = await retry('p', 's9.x');
  assert.is(stranger.code, 1);
  assert.match(
    stranger.stderr,
    /s9\.x is not a server of pool p \(its servers: fe01\.x, fe02\.x, fe03\.x\)/,
  );
  assert.not.match(stranger.stderr, /no failed hook/);
  const typo = await retry('p', 'fe2.x');
  assert.match(typo.stderr, /fe2\.x is not a server of pool p; did you mean `fe02\.x`\?/);
  const pool = await retry('q', 'fe02.x');
  assert.match(pool.stderr, /no pool q in the desired state; did you mean `p`\? \(pools: p\)/);
  assert.equal(roundAudit(r.state), []);
});

test('gates: Busy waits, InsufficientActiveFrontEnds stops the round (exit 3), Ready in a new round drains; a command gate blocks with its output', async () => {
  const r = round({ servers: 3, gates: '[lync2013-readiness]' });
  // Create the world before writing the readiness into it.
  await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  setReadiness(r.state, 'Busy');
  const busy = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(busy.code, 0, busy.stdout);
  assert.match(busy.stdout, /fe01\.x {2}blocked by gate: lync2013-readiness: Busy/);
  assert.ok(allBack(r.state));
  setReadiness(r.state, 'InsufficientActiveFrontEnds');
  const insufficient = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(insufficient.code, 3);
  assert.match(
    insufficient.stdout,
    /\[maintenance-gate\]: round CHG0042: draining fe01\.x is blocked by a gate: lync2013-readiness: InsufficientActiveFrontEnds/,
  );
  // InsufficientActiveFrontEnds stops the round (Microsoft's upgrade guide): Ready later does not restart it,
  // a new round does.
  setReadiness(r.state, 'Ready');
  const stopped = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(stopped.code, 3);
  assert.match(
    stopped.stdout,
    /InsufficientActiveFrontEnds \(Get-CsPoolUpgradeReadinessState\): round stopped/,
  );
  assert.equal(roundAudit(r.state), []);
  const yaml = join(r.tree, 'p.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('id: CHG0042', 'id: CHG0043'));
  const ready = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(ready.code, 0);
  assert.equal(
    roundAudit(r.state).map((e) => `${e.action} ${e.server}`),
    ['start-drain fe01.x'],
  );
  // The driver's writes keep the readiness written into the fleet file.
  const fleet = JSON.parse(readFileSync(join(r.state, 'simulated', 'p.json'), 'utf8'));
  assert.is(fleet.readiness, 'Ready');
  setReadiness(r.state, 'Sometimes');
  const invalid = await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  assert.is(invalid.code, 1);
  assert.match(
    invalid.stdout + invalid.stderr,
    /readiness must be one of Ready, Busy, InsufficientActiveFrontEnds/,
  );

  const gate = JSON.stringify([
    process.execPath,
    '-e',
    'console.log("change freeze until Monday"); process.exit(1)',
  ]);
  const c = round({ servers: 2, gates: `[{command: ${gate}}]` });
  const blocked = await runCli(['apply', '--state-dir', c.state, c.tree], c.env);
  assert.is(blocked.code, 3);
  assert.match(
    blocked.stdout,
    /blocked by a gate: command .*node.*: exited with code 1: change freeze until Monday/,
  );
  assert.equal(roundAudit(c.state), []);
});

test('windows: a closed window holds the round (exit 3, when it opens); an open one lets it start', async () => {
  const r = round({ servers: 2, windows: NIGHTLY_BERLIN });
  // Tue 24 Nov 2026 18:48 Berlin, then 22:30.
  const closed = await runCli(['apply', '--state-dir', r.state, r.tree], {
    ...r.env,
    ...clockAt('2026-11-24T17:48:00Z'),
  });
  assert.is(closed.code, 3, closed.stdout);
  assert.match(
    closed.stdout,
    /draining fe01\.x waits for a maintenance window: opens Tue 22:00 Europe\/Berlin, in 3h12m/,
  );
  assert.equal(roundAudit(r.state), []);
  const open = await runCli(['apply', '--state-dir', r.state, r.tree], {
    ...r.env,
    ...clockAt('2026-11-24T21:30:00Z'),
  });
  assert.is(open.code, 0, open.stdout);
  assert.equal(
    roundAudit(r.state).map((e) => e.action),
    ['start-drain'],
  );
});

test.run();
