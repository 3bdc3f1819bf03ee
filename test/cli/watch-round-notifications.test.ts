// watch on a maintenance night, with a real webhook: a failed hook is sent once (HookFailed), its clearing once
// (Recovered), and the finished round once (MaintenanceDone) — by the apply that retried it, not again by watch.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allBack, retryHookArgs, round } from '../helpers/builders/maintenance-pool.ts';
import { notificationYaml } from '../helpers/builders/temp-tree.ts';
import { runCli, startCli, until } from '../helpers/harnesses/capture.ts';
import { startReceiver } from '../helpers/harnesses/webhook-receiver.ts';

const notification = notificationYaml(
  'night',
  ['HookFailed', 'MaintenanceDone', 'Recovered'],
  'generic',
  'NIGHT_URL',
);

test('HookFailed once while the round is stopped; Recovered and MaintenanceDone once after the retry', async () => {
  const receiver = await startReceiver();
  const r = round({ servers: 2, hookMs: 100 });
  writeFileSync(join(r.tree, 'n.yaml'), notification);
  const env = { ...r.env, NIGHT_URL: receiver.url };
  const events = () =>
    receiver.bodies.map(
      (b) =>
        `${b.reason}${b.metadata.cleared ? `(${b.metadata.cleared})` : ''} ${b.involvedObject.kind} ${b.involvedObject.namespace}/${b.involvedObject.name}`,
    );
  const status = () => JSON.parse(readFileSync(join(r.state, 'status.json'), 'utf8'));
  const rounds = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const at = status().lastReconcile.at;
      await until(() => status().lastReconcile.at !== at, 10_000, `round ${i + 1} of ${n}`);
    }
  };
  const watch = (extra: Record<string, string>) =>
    startCli(['watch', r.tree, '--state-dir', r.state, '--interval', '1s'], { ...env, ...extra });
  let running = watch({ HOOK_FAIL: 'fe01.x' });
  try {
    await until(() => events().length > 0, 20_000, 'the failed hook');
    await rounds(3);
    assert.equal(events(), ['HookFailed Server p/fe01.x']);
    const failed = receiver.bodies[0];
    assert.is(failed.severity, 'error');
    assert.match(failed.message, /round CHG0042: hook failed \(exit 3\)/);
    assert.match(failed.message, /KB5031356 failed to install on fe01\.x/);
    assert.match(
      failed.message,
      /quiesce apply --retry-hook p fe01\.x --wait \/\S+ --state-dir \/\S+/,
    );
    // A watcher runs the pool: the retry says to stop it first.
    assert.match(
      failed.message,
      /stop quiesce watch first: it holds pool p's lock while it reconciles/,
    );
    assert.is(await running.stop(), 0);

    // The hook is fixed and retried from the command line; the round finishes, and apply sends what it saw.
    const retried = await runCli(retryHookArgs(r, 'fe01.x'), env);
    assert.is(retried.code, 0, retried.stdout + retried.stderr);
    assert.ok(allBack(r.state));

    // One event each (from that apply), never repeated by the watcher that sees the same.
    await until(() => events().length >= 3, 20_000, 'Recovered and MaintenanceDone');
    running = watch({});
    await rounds(3);
    assert.is(events().length, 3, JSON.stringify(events()));
    assert.equal(events().slice(1).sort(), [
      'MaintenanceDone Maintenance p/CHG0042',
      'Recovered(HookFailed) Server p/fe01.x',
    ]);
    const done = receiver.bodies.find((b) => b.reason === 'MaintenanceDone');
    assert.is(done.severity, 'info');
    assert.match(done.message, /maintenance CHG0042 of pool p is done: 2 of 2 done/);
    assert.not.match(JSON.stringify(receiver.bodies), 'SECRET-TOKEN');
  } finally {
    await running.stop();
    await receiver.close();
  }
});

test.run();
