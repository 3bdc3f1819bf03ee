// apply (what CI runs) sends the same notifications as watch, with the same memory in the store: a failed hook
// once, its clearing and the finished round once, and a watcher started afterwards repeats none of them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { retryHookArgs, round } from '../helpers/builders/maintenance-pool.ts';
import { notificationYaml } from '../helpers/builders/temp-tree.ts';
import { runCli, startCli, until } from '../helpers/harnesses/capture.ts';
import { startReceiver } from '../helpers/harnesses/webhook-receiver.ts';

test('apply sends HookFailed, then Recovered and MaintenanceDone; nothing twice, not even by a later watcher', async () => {
  const receiver = await startReceiver();
  const r = round({ servers: 2, hookMs: 50 });
  writeFileSync(
    join(r.tree, 'n.yaml'),
    notificationYaml('night', ['HookFailed', 'MaintenanceDone', 'Recovered'], 'generic', 'URL'),
  );
  const env = { ...r.env, URL: receiver.url };
  const events = () =>
    receiver.bodies.map(
      (b) =>
        `${b.reason}${b.metadata.cleared ? `(${b.metadata.cleared})` : ''} ${b.involvedObject.namespace}/${b.involvedObject.name}`,
    );
  try {
    const failed = await runCli(
      ['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree],
      { ...env, HOOK_FAIL: 'fe01.x' },
    );
    assert.is(failed.code, 1, failed.stdout + failed.stderr);
    await until(() => events().length > 0, 10_000, 'HookFailed from apply');
    assert.equal(events(), ['HookFailed p/fe01.x']);
    assert.match(receiver.bodies[0].message, /quiesce apply --retry-hook p fe01\.x/);
    // The same failure seen again by another apply is not sent again.
    const again = await runCli(['apply', '--state-dir', r.state, r.tree], {
      ...env,
      HOOK_FAIL: 'fe01.x',
    });
    assert.is(again.code, 1, again.stdout);
    assert.equal(events(), ['HookFailed p/fe01.x']);

    const retried = await runCli(retryHookArgs(r, 'fe01.x'), env);
    assert.is(retried.code, 0, retried.stdout + retried.stderr);
    await until(() => events().length >= 3, 10_000, 'Recovered and MaintenanceDone from apply');
    assert.equal(events().slice(1).sort(), [
      'MaintenanceDone p/CHG0042',
      'Recovered(HookFailed) p/fe01.x',
    ]);

    // A watcher reading the same store sends nothing that apply sent.
    const watch = startCli(['watch', r.tree, '--state-dir', r.state, '--interval', '1s'], env);
    try {
      const status = () => JSON.parse(readFileSync(join(r.state, 'status.json'), 'utf8'));
      await until(
        () => {
          try {
            return status().lastReconcile !== undefined;
          } catch {
            return false;
          }
        },
        20_000,
        'a watch reconcile',
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      assert.is(await watch.stop(), 0);
    }
    assert.is(events().length, 3, JSON.stringify(events()));
  } finally {
    await receiver.close();
  }
});

test.run();
