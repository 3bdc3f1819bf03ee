// A maintenance round by each drain.method over the simulated driver (apply --wait): every server drained by a
// graceful stop or a failover, hooked, and returned by a start or a failback, one at a time, Running again at
// the end with its startup type back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyOnce } from '../../reconciler/engine/apply-once.ts';
import { history } from '../../reconciler/engine/history.ts';
import { openEngine } from '../../reconciler/engine/open-engine.ts';
import { directorySource } from '../../reconciler/loop/index.ts';
import { round, roundYaml, world } from '../helpers/builders/maintenance-pool.ts';
import { testConfig } from './engine-harness.ts';

const waiting = { wait: true, timeoutMs: 60_000, lockTimeoutMs: 0, retryHook: null };

/** A two-server round whose pool drains by `method`. */
function methodRound(method: string) {
  const r = round({ servers: 2, hookMs: 50 });
  const yaml = roundYaml({ servers: 2 }).replace(
    '  maintenance:',
    `  drain: {method: ${method}}\n  maintenance:`,
  );
  writeFileSync(join(r.tree, 'p.yaml'), yaml);
  return r;
}

/** The services' steps of the round, as `server service action outcome`. */
async function steps(state: string): Promise<string[]> {
  const records = (await history(testConfig(state), { pool: 'p' }))._unsafeUnwrap();
  return records.flatMap((r) =>
    'service' in r && r.service !== 'maintenance'
      ? [`${r.server} ${r.service} ${r.action} ${r.outcome}`]
      : [],
  );
}

for (const [method, out, back] of [
  ['graceful-stop', 'graceful-stop', 'start'],
  ['failover', 'failover', 'failback'],
] as const) {
  test(`a round by ${method}: each server out by ${out} and back by ${back}, one at a time`, async () => {
    const r = methodRound(method);
    const config = testConfig(r.state, { env: r.env, sessionSeconds: 0.05 });
    const opened = await openEngine(directorySource(r.tree), config);
    if (opened.isErr()) throw new Error(JSON.stringify(opened.error));
    const outcome = (await applyOnce(opened.value, waiting))._unsafeUnwrap();
    await opened.value.close();
    assert.equal(outcome.result.failures, []);
    assert.ok(outcome.result.lastPlan.summary.converged, 'converged at the end');
    const done = await steps(r.state);
    for (const server of r.servers) {
      const mine = done.filter((line) => line.startsWith(`${server} `));
      assert.ok(mine.includes(`${server} RTCSRV ${out} ok`), mine.join('\n'));
      assert.ok(mine.includes(`${server} RTCMEDSRV ${back} ok`), mine.join('\n'));
      assert.not.ok(
        mine.some((line) => / pause | resume /.test(line)),
        mine.join('\n'),
      );
    }
    // One server out at a time: fe02's first step comes after fe01's return.
    const fe01back = done.lastIndexOf(`fe01.x RTCMEDSRV ${back} ok`);
    const fe02out = done.findIndex((line) => line.startsWith('fe02.x '));
    assert.ok(fe01back < fe02out, done.join('\n'));
    for (const services of Object.values(world(r.state)))
      assert.equal(services, [
        { status: 'Running', startType: 'Automatic' },
        { status: 'Running', startType: 'Automatic' },
      ]);
  });
}

test.run();
