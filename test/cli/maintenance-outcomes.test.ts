// What plan and apply report of a round: a hook that fails in this run exits 1 and says so; round actions count;
// progress; phases before they start.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hookLog, retryHookArgs, round } from '../helpers/builders/maintenance-pool.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

type RoundFixture = ReturnType<typeof round>;

/** Plain applies until one starts a hook (the drain takes a run or two); that run's result. */
async function applyUntilHook(r: RoundFixture, env: Record<string, string>, extra: string[] = []) {
  for (let run = 0; run < 10; run++) {
    const before = hookLog(r.log).length;
    const result = await runCli(['apply', ...extra, '--state-dir', r.state, r.tree], env);
    if (hookLog(r.log).length > before) return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no apply started a hook');
}

const HOOK_FAILED =
  /\[HookFailed\]: round CHG0042: hook failed \(exit 3\).*KB5031356 failed to install on fe01\.x.*quiesce apply --retry-hook p fe01\.x/;

test('a plain apply whose hook fails exits 1 and reports the HookFailed, in text and JSON', async () => {
  const r = round({ servers: 2 });
  const env = { ...r.env, HOOK_FAIL: 'fe01.x' };
  const failed = await applyUntilHook(r, env);
  assert.is(failed.code, 1, failed.stdout);
  assert.match(failed.stdout, HOOK_FAILED);
  assert.not.match(failed.stdout, /no changes: the fleet matches the desired state/);
  assert.match(failed.stdout, /Applied 0 steps and 1 round action in/);
  assert.match(failed.stdout, /fe01\.x {2}Stalled: hook failed \(exit 3\)/);
  // --retry-hook without --wait, in JSON: the failure is in failures and in the plan's errors.
  const retried = await runCli(
    ['apply', '-o', 'json', '--retry-hook', 'p', 'fe01.x', '--state-dir', r.state, r.tree],
    env,
  );
  assert.is(retried.code, 1, retried.stdout);
  const json = JSON.parse(retried.stdout);
  assert.equal(
    json.failures.map((f: { server: string; action: string; kind: string }) => [
      f.server,
      f.action,
      f.kind,
    ]),
    [['fe01.x', 'run-hook', 'HookFailed']],
  );
  assert.match(json.failures[0].message, /^round CHG0042: hook failed \(exit 3\)/);
  assert.equal(
    json.plan.errors.map((e: { kind: string }) => e.kind),
    ['HookFailed'],
  );
  assert.is(json.roundActions, 1);
  // With --wait the failure is printed once, with the plan where the run left it.
  const waited = await runCli(retryHookArgs(r, 'fe01.x'), env);
  assert.is(waited.code, 1, waited.stdout);
  assert.is(waited.stdout.split('[HookFailed]').length, 2, waited.stdout);
});

test('a successful hook and the other round actions are counted in "Applied"', async () => {
  const r = round({ servers: 2 });
  const first = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(first.code, 0, first.stdout);
  assert.match(first.stdout, /Applied 4 steps and 1 round action in/);
  const hooked = await applyUntilHook(r, r.env);
  assert.is(hooked.code, 0, hooked.stdout);
  assert.match(hooked.stdout, /Applied 0 steps and 1 round action in/);
  assert.match(hooked.stdout, /fe01\.x {2}returning/);
  const returned = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.match(returned.stdout, /Applied 4 steps in/);
  // The rest of the round: fe01 recorded done, fe02 drained, hooked and recorded done.
  const rest = await runCli(
    ['apply', '-o', 'json', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree],
    r.env,
  );
  assert.is(rest.code, 0, rest.stdout);
  assert.is(JSON.parse(rest.stdout).roundActions, 4, rest.stdout);
});

test('a crashed hook shows its last lines, the error among them, in apply and status', async () => {
  const r = round({ servers: 2 });
  const env = { ...r.env, HOOK_CRASH: 'fe01.x' };
  const crashed = await runCli(
    ['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree],
    env,
  );
  assert.is(crashed.code, 1, crashed.stdout);
  const error =
    /Error: ENOENT: no such file or directory, open '\/nonexistent\/fe01\.x\/KB5031356\.msu' \| … \|.*\| Node\.js v[\d.]+/;
  assert.match(crashed.stdout, new RegExp(`\\(last output: ${error.source}\\)`));
  const status = await runCli(['status', '--state-dir', r.state, r.tree], env);
  assert.match(status.stdout, new RegExp(`fe01\\.x {2}Stalled: .* — ${error.source}`));
});

test('apply --wait prints a line per phase change of a round in a log (not in JSON)', async () => {
  const r = round({ servers: 2, settle: '1s' });
  const waited = await runCli(
    ['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree],
    r.env,
  );
  assert.is(waited.code, 0, waited.stdout);
  const lines = waited.stdout.split('\n').filter((line) => line.startsWith('p: '));
  assert.equal(lines.slice(0, 4), [
    'p: fe01.x draining',
    'p: fe01.x hook running',
    'p: fe01.x returning',
    'p: fe01.x done (1 of 2)',
  ]);
  assert.match(lines[4] ?? '', /^p: settling until \d\d:\d\d UTC, in 1s$/);
  assert.equal(lines.slice(5), [
    'p: fe02.x draining',
    'p: fe02.x hook running',
    'p: fe02.x returning',
    'p: fe02.x done (2 of 2)',
  ]);
  const r2 = round({ servers: 1 });
  const json = await runCli(
    ['apply', '--wait', '-o', 'json', '--timeout', '1m', '--state-dir', r2.state, r2.tree],
    r2.env,
  );
  assert.is(json.code, 0, json.stdout);
  assert.is(JSON.parse(json.stdout).plan.rollouts[0].state, 'done');
});

test('plan before the round started shows no draining duration; once the drain is recorded it does', async () => {
  const r = round({ servers: 2 });
  const before = await runCli(['plan', '--state-dir', r.state, r.tree], r.env);
  assert.match(before.stdout, /fe01\.x {2}draining next\n/);
  assert.not.match(before.stdout, /draining \d/);
  const json = JSON.parse(
    (await runCli(['plan', '-o', 'json', '--state-dir', r.state, r.tree], r.env)).stdout,
  );
  assert.equal(
    [json.rollouts[0].servers[0].phase, json.rollouts[0].servers[0].since],
    ['draining', null],
  );
  await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  const started = JSON.parse(
    (await runCli(['plan', '-o', 'json', '--state-dir', r.state, r.tree], r.env)).stdout,
  );
  assert.is(typeof started.rollouts[0].servers[0].since, 'number');
});

test.run();
