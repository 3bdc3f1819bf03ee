// applyOnce with a maintenance round over the simulated driver: each server drained, hooked and returned in
// turn; a failed hook fails the run, and retryHook lets the next run take it again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyOnce } from '../../reconciler/engine/apply-once.ts';
import { history } from '../../reconciler/engine/history.ts';
import { openEngine } from '../../reconciler/engine/open-engine.ts';
import { directorySource } from '../../reconciler/loop/index.ts';
import { hookLog, round } from '../helpers/builders/maintenance-pool.ts';
import { testConfig } from './engine-harness.ts';

const waiting = { wait: true, timeoutMs: 60_000, lockTimeoutMs: 0, retryHook: null };

/** Opens an engine on the round's tree and state dir with `env` for the hook. */
async function engineFor(r: ReturnType<typeof round>, env: Record<string, string>) {
  const config = testConfig(r.state, { env, sessionSeconds: 0.05 });
  const opened = await openEngine(directorySource(r.tree), config);
  if (opened.isErr()) throw new Error(JSON.stringify(opened.error));
  return opened.value;
}

/** The round's own audit entries as `server:action:outcome`. */
async function roundAudit(state: string): Promise<string[]> {
  const records = (await history(testConfig(state), { pool: 'p' }))._unsafeUnwrap();
  return records.flatMap((r) =>
    'service' in r && r.service === 'maintenance' ? [`${r.server}:${r.action}:${r.outcome}`] : [],
  );
}

test('apply --wait takes each server through drain, hook and return, one at a time', async () => {
  const r = round({ servers: 2, hookMs: 50 });
  const engine = await engineFor(r, r.env);
  const outcome = (await applyOnce(engine, waiting))._unsafeUnwrap();
  await engine.close();
  assert.equal(outcome.result.failures, []);
  assert.ok(outcome.result.lastPlan.summary.converged, 'converged at the end');
  assert.equal(await roundAudit(r.state), [
    'fe01.x:start-drain:ok',
    'fe01.x:run-hook:ok',
    'fe01.x:record-done:ok',
    'fe02.x:start-drain:ok',
    'fe02.x:run-hook:ok',
    'fe02.x:record-done:ok',
  ]);
  const log = hookLog(r.log).map(([what, server]) => `${what} ${server}`);
  assert.equal(log, ['start fe01.x', 'end fe01.x', 'start fe02.x', 'end fe02.x']);
});

test('a failed hook fails the run (HookFailed); retryHook clears it and the next run goes on', async () => {
  const r = round({ servers: 1, hookMs: 20 });
  const failing = await engineFor(r, { ...r.env, HOOK_FAIL: 'fe01.x' });
  const first = (await applyOnce(failing, waiting))._unsafeUnwrap();
  await failing.close();
  assert.equal(
    first.result.failures.map((f) => `${f.server}:${f.kind}`),
    ['fe01.x:HookFailed'],
  );
  assert.not.ok(first.clean, 'a failed hook: not applied');
  const engine = await engineFor(r, r.env);
  const retried: string[] = [];
  const second = await applyOnce(
    engine,
    { ...waiting, retryHook: { pool: 'p', server: 'fe01.x' } },
    { retried: (message) => retried.push(message) },
  );
  await engine.close();
  assert.equal(second._unsafeUnwrap().result.failures, []);
  assert.equal(retried, [
    'retrying the hook of fe01.x in round CHG0042 (it failed: hook exited with code 3)',
  ]);
  assert.equal(await roundAudit(r.state), [
    'fe01.x:start-drain:ok',
    'fe01.x:run-hook:error',
    'fe01.x:retry-hook:ok',
    'fe01.x:run-hook:ok',
    'fe01.x:record-done:ok',
  ]);
});

test.run();
