// plan --detailed-exitcode gates CI on maintenance rounds too: a pending round action is work for apply (exit 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { round } from '../helpers/builders/maintenance-pool.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('a round whose only pending work is a hook: exit 2 and summary.roundActions in JSON', async () => {
  const r = round({ servers: 2 });
  // One apply starts fe01.x's drain; once its sessions are gone, running the hook is the only thing left to do.
  assert.is((await runCli(['apply', '--state-dir', r.state, r.tree], r.env)).code, 0);
  const plan = () => runCli(['plan', '--detailed-exitcode', '--state-dir', r.state, r.tree], r.env);
  let text = await plan();
  for (let i = 0; i < 30 && !/0 waiting, 0 errors, 1 round action/.test(text.stdout); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = await plan();
  }
  assert.match(
    text.stdout,
    /Plan: 0 to change, 0 blocked, 0 waiting, 0 errors, 1 round action\./,
    text.stdout,
  );
  assert.is(text.code, 2, text.stdout);
  const json = await runCli(
    ['plan', '-o', 'json', '--detailed-exitcode', '--state-dir', r.state, r.tree],
    r.env,
  );
  assert.is(json.code, 2);
  const summary = JSON.parse(json.stdout).summary;
  assert.is(summary.roundActions, 1);
  assert.is(summary.converged, false);
});

test('a round that is done: exit 0 with --detailed-exitcode, roundActions 0', async () => {
  const r = round({ servers: 1, hookMs: 10 });
  const applied = await runCli(
    ['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree],
    r.env,
  );
  assert.is(applied.code, 0, applied.stdout);
  const json = await runCli(
    ['plan', '-o', 'json', '--detailed-exitcode', '--state-dir', r.state, r.tree],
    r.env,
  );
  assert.is(json.code, 0, json.stdout);
  assert.is(JSON.parse(json.stdout).summary.roundActions, 0);
});

test.run();
