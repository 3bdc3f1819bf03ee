// Two "machines" (separate state dirs, one shared world, one PostgreSQL store): applies of one pool
// never step at once (a sampler checks the budget over 20 trials); applies of two pools run in parallel.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { value } from '../helpers/builders/result.ts';
import { runningService } from '../helpers/builders/simulated-world.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';

const env = { QUIESCE_SIM_SESSION_SECONDS: '100000' };
const SERVERS = ['fe01.x', 'fe02.x', 'fe03.x'];
const running = runningService(2);

/** A world both machines see: their state dirs link to one simulated fleet folder. */
function world(pools: string[], latencyMs: number) {
  const shared = tempTree();
  const reset = () => {
    for (const pool of pools)
      writeFileSync(
        join(shared, `${pool}.json`),
        JSON.stringify({
          servers: Object.fromEntries(
            SERVERS.map((s) => [
              s,
              { fault: null, latencyMs, services: { RTCSRV: running, RTCMEDSRV: running } },
            ]),
          ),
        }),
      );
  };
  const machine = () => {
    const dir = tempTree();
    mkdirSync(dir, { recursive: true });
    symlinkSync(shared, join(dir, 'simulated'));
    return dir;
  };
  /** Servers of `pool` with any service not Running (unavailable), now. */
  const unavailable = (pool: string) => {
    try {
      const fleet = JSON.parse(readFileSync(join(shared, `${pool}.json`), 'utf8'));
      return Object.values(fleet.servers).filter((s) =>
        Object.values((s as { services: Record<string, { status: string }> }).services).some(
          (v) => v.status !== 'Running',
        ),
      ).length;
    } catch {
      return 0; // mid-rename: sample again
    }
  };
  reset();
  return { reset, machine, unavailable };
}

const tree = (draining: string) =>
  tempTree({
    'p.yaml': poolYaml(
      'p',
      SERVERS.map((s) => `${s}: ${s === draining ? 'draining' : 'active'}`).join('\n    '),
      '  budget: {maxUnavailable: 1}\n',
    ),
  });

test('two applies of one pool from two machines never step at once: the budget holds over 20 trials', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const w = world(['p'], 5);
  const [a, b] = [w.machine(), w.machine()];
  // Two commits racing: A drains fe01, B (a newer commit) returns fe01 and drains fe02.
  const [older, newer] = [tree('fe01.x'), tree('fe02.x')];
  let worst = 0;
  for (let trial = 0; trial < 20; trial++) {
    w.reset();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        worst = Math.max(worst, w.unavailable('p'));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const first = trial % 2 === 0 ? [older, a] : [newer, b];
    const second = trial % 2 === 0 ? [newer, b] : [older, a];
    const runs = await Promise.all([
      runCli(
        [
          'apply',
          first[0] as string,
          '--state-dir',
          first[1] as string,
          '--state',
          url,
          '--lock-timeout',
          '30s',
        ],
        env,
      ),
      runCli(
        [
          'apply',
          second[0] as string,
          '--state-dir',
          second[1] as string,
          '--state',
          url,
          '--lock-timeout',
          '30s',
        ],
        env,
      ),
    ]);
    sampling = false;
    await sampler;
    for (const run of runs) assert.ok([0, 3].includes(run.code), run.stdout + run.stderr);
    assert.ok(worst <= 1, `trial ${trial}: ${worst} servers out at once with maxUnavailable 1`);
  }
  assert.is(worst, 1, 'the sampler saw the drains');
});

test('applies of two pools run in parallel', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const w = world(['p', 'q'], 60);
  const pool = (name: string) =>
    tempTree({
      [`${name}.yaml`]: poolYaml(name, 'fe01.x: draining\n    fe02.x: active\n    fe03.x: active'),
    });
  const store = value(await openPostgresStore({ url }));
  let both = false;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const held = value(await store.lockHolders()).map((h) => h.pool);
      if (held.includes('p') && held.includes('q')) both = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const runs = await Promise.all([
    runCli(['apply', pool('p'), '--state-dir', w.machine(), '--state', url], env),
    runCli(['apply', pool('q'), '--state-dir', w.machine(), '--state', url], env),
  ]);
  polling = false;
  await poll;
  await store.close();
  for (const run of runs) assert.is(run.code, 0, run.stdout + run.stderr);
  assert.ok(both, 'both pools were locked at the same time');
});

test.run();
