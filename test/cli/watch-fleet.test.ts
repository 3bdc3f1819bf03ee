// Four watcher processes sharing 40 pools through PostgreSQL: a round converges every pool; kill -9 of one
// moves its pools to the others within 15 s; the audit and the ownership rows prove no pool had two at once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import { value } from '../helpers/builders/result.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { overlappingSteps, stepSpans } from '../helpers/checks/step-overlap.ts';
import { exited, quiesce } from '../helpers/harnesses/child-cli.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';

const POOLS = Array.from({ length: 40 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
const servers = (pool: string) => [`a.${pool}.x`, `b.${pool}.x`];
const SERVICE = { status: 'Running', startType: 'Automatic', canPause: true, sessions: 0 };

/** Every pool's file, its servers all `mode`. */
function writePools(tree: string, mode: 'draining' | 'active') {
  for (const pool of POOLS)
    writeFileSync(
      join(tree, `${pool}.yaml`),
      poolYaml(
        pool,
        servers(pool)
          .map((s) => `${s}: ${mode}`)
          .join('\n    '),
        '  budget: {maxUnavailable: 2}\n',
      ),
    );
}

test('4 watchers, 40 pools: a round converges all; kill -9 of one → taken over < 15 s; no pool stepped by two at once', async () => {
  const url = await (await postgresCluster()).freshDatabase();
  const tree = tempTree();
  writePools(tree, 'draining');
  const server = { fault: null, latencyMs: 20, services: { RTCSRV: SERVICE, RTCMEDSRV: SERVICE } };
  // One simulated world shared by every watcher (one fleet file per pool), as one real fleet would be.
  const state = tempTree(
    Object.fromEntries(
      POOLS.map((p) => [
        `simulated/${p}.json`,
        JSON.stringify({ servers: Object.fromEntries(servers(p).map((s) => [s, server])) }),
      ]),
    ),
  );
  const store = value(await openPostgresStore({ url }));
  // The ownership rows, sampled every 100 ms: per pool, which watcher pid held it at each sample.
  const samples: { at: number; owner: Map<string, number> }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const at = Date.now();
      const owners = await store.owners();
      if (owners.isOk())
        samples.push({ at, owner: new Map(owners.value.map((o) => [o.pool, o.watcher.pid])) });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const latest = () => samples.at(-1)?.owner ?? new Map<string, number>();
  const until = async (check: () => boolean | Promise<boolean>, ms: number, what: string) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const argv = ['watch', tree, '--state-dir', state, '--state', url, '--interval', '1h'];
  const env = { QUIESCE_SIM_SESSION_SECONDS: '0.05' };
  const watchers = [0, 1, 2, 3].map(() => quiesce(argv, env));
  const pids = watchers.map((w) => w.pid as number);
  const steps = async () => stepSpans(value(await store.queryAudit({})));
  try {
    // The round: both servers of every pool drained (2 services × 2 steps each, at least).
    await until(
      async () => {
        const done = new Set((await steps()).map((s) => `${s.pool}`));
        return POOLS.every((p) => done.has(p)) && latest().size === POOLS.length;
      },
      60_000,
      'every pool owned and stepped',
    );
    // Converged: no new step for 3 s.
    let seen = -1;
    let quietSince = Date.now();
    await until(
      async () => {
        const n = (await steps()).length;
        if (n !== seen) [seen, quietSince] = [n, Date.now()];
        return Date.now() - quietSince >= 3_000;
      },
      30_000,
      'every watcher to converge its pools',
    );
    // Shared: each watcher holds its share, 40 ÷ 4 = 10 pools (the first to start gives pools up on its tick).
    const perWatcher = () =>
      pids.map((pid) => [...latest().values()].filter((p) => p === pid).length);
    await until(
      () => perWatcher().every((n) => n === 10),
      30_000,
      'the pools shared 10 per watcher',
    );
    const before = latest();
    console.log(`  pools per watcher: ${perWatcher().join(', ')}`);
    const doomed = watchers[0] as (typeof watchers)[number];
    const doomedPools = POOLS.filter((p) => before.get(p) === doomed.pid);
    assert.is(doomedPools.length, 10);
    doomed.kill('SIGKILL');
    const killed = Date.now();
    await exited(doomed);
    await until(
      () => {
        const now = latest();
        return POOLS.every((p) => now.has(p) && now.get(p) !== doomed.pid);
      },
      15_000,
      `the ${doomedPools.length} pools of the killed watcher to be taken over`,
    );
    const takeover = Date.now() - killed;
    console.log(`  takeover of ${doomedPools.length} pools after kill -9: ${takeover} ms`);
    assert.ok(takeover < 15_000, `takeover took ${takeover} ms`);
    // The next change (every server back to active) is made by the new owners.
    const killedAt = killed;
    writePools(tree, 'active');
    await until(
      async () => {
        const after = (await steps()).filter((s) => s.start > killedAt);
        return POOLS.every((p) => after.some((s) => s.pool === p));
      },
      60_000,
      'every pool stepped back to active after the kill',
    );
    const all = await steps();
    // Exclusivity: per pool, the steps of different watchers never overlap in time.
    assert.equal(overlappingSteps(all), [], 'no pool stepped by two watchers at once');
    for (const pool of POOLS) {
      const mine = all.filter((s) => s.pool === pool).sort((a, b) => a.start - b.start);
      assert.ok(
        mine.every((s) => pids.includes(s.pid)),
        `${pool}: every step by one of the watchers`,
      );
      if (doomedPools.includes(pool))
        assert.ok(
          mine.every((s) => (s.pid === doomed.pid ? s.end <= killed : true)) &&
            mine.some((s) => s.pid !== doomed.pid && s.start >= killed),
          `${pool}: the killed watcher's steps ended before the kill; its successor stepped after`,
        );
      // Each step was made while the ownership rows named its watcher (sampled every 100 ms: a step
      // lies between the last sample naming someone else and the first sample naming someone else after).
      for (const s of mine) {
        const otherBefore = [...samples]
          .reverse()
          .find((x) => x.at <= s.start && x.owner.has(pool) && x.owner.get(pool) !== s.pid);
        const otherAfter = samples.find(
          (x) => x.at >= s.end && x.owner.has(pool) && x.owner.get(pool) !== s.pid,
        );
        const ownedBetween = samples.some(
          (x) =>
            x.at > (otherBefore?.at ?? 0) &&
            x.at < (otherAfter?.at ?? Number.POSITIVE_INFINITY) &&
            x.owner.get(pool) === s.pid,
        );
        assert.ok(ownedBetween, `${pool}: a step by pid ${s.pid} outside its ownership`);
      }
    }
  } finally {
    sampling = false;
    await sampler;
    for (const w of watchers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await Promise.all(watchers.map(exited));
    await store.close();
  }
});

test('the overlap check finds a step of one watcher that began while one of another on the same pool ran', () => {
  const span = (pool: string, pid: number, start: number, end: number) => ({
    pool,
    pid,
    start,
    end,
  });
  assert.equal(
    overlappingSteps([span('p', 1, 0, 100), span('p', 2, 100, 200), span('q', 1, 150, 300)]),
    [],
    'one after the other, or on another pool',
  );
  assert.equal(
    overlappingSteps([span('p', 1, 0, 100), span('p', 2, 50, 60), span('p', 1, 70, 80)]),
    [
      "p: pid 2 stepped at 1970-01-01T00:00:00.050Z while pid 1's step ran until 1970-01-01T00:00:00.100Z",
    ],
  );
});

test.run();
