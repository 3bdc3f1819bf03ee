// Engine benchmark: plan time at 10,000 servers, converge time vs the ideal bound, calls on a re-run, peak RSS.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulatedDriver, type SimFleet } from '../reconciler/drivers/simulated/index.ts';
import { loadDesiredState } from '../reconciler/load/index.ts';
import { converge } from '../reconciler/loop/index.ts';
import type { DesiredState, Observations, PoolSpec } from '../reconciler/model.ts';
import { buildPlan } from '../reconciler/plan/index.ts';
import { writeFleet } from './fleet.ts';
import { median, ms, time } from './stats.ts';

let peakRss = process.memoryUsage().rss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/** Observations as a converged fleet would report them (draining servers Paused and drained). */
function converged(desired: DesiredState): Observations {
  return new Map(
    desired.pools.map((pool) => [
      pool.name,
      new Map(
        pool.servers.map((server) => [
          server.name,
          {
            ok: true as const,
            services: server.services.map((s) => ({
              name: s.name,
              status: s.mode === 'active' ? ('Running' as const) : ('Paused' as const),
              startType: s.mode === 'active' ? ('Automatic' as const) : ('Manual' as const),
              canPause: true,
              sessions: s.mode === 'active' ? 7 : 0,
              since: 0,
            })),
          },
        ]),
      ),
    ]),
  );
}

/** Observations with every service Running, Automatic: the 10% draining still to do. */
function allRunning(desired: DesiredState): Observations {
  const obs = converged(desired);
  for (const pool of obs.values()) {
    for (const server of pool.values()) {
      if (server.ok)
        for (const s of server.services)
          Object.assign(s, { status: 'Running', startType: 'Automatic', sessions: 7 });
    }
  }
  return obs;
}

// (a) + (d): plan at 10,000 servers x 3 services.
const dir = writeFleet(10_000, 20, 10, 0); // exactly 10% of servers draining, no overrides
const loadMs = median(await time(() => loadDesiredState([dir]), 15, 3));
const desired = (await loadDesiredState([dir]))._unsafeUnwrap();
rmSync(dir, { recursive: true, force: true });
const quiet = converged(desired);
const busy = allRunning(desired);
sample();
const timedPlan = (observed: Observations) => () => {
  buildPlan(desired, observed, 0);
  sample();
};
const planConverged = median(await time(timedPlan(quiet), 30, 5));
const planDraining = median(await time(timedPlan(busy), 30, 5));
const drainingPlan = buildPlan(desired, busy, 0);
sample();
console.log('engine benchmark (median of runs; this 2-core machine)');
console.log(
  `(a) plan+policy, 10,000 servers x 3 services: converged ${ms(planConverged)}, 10% draining ${ms(planDraining)} (${drainingPlan.changes.length} changes, ${drainingPlan.blocked.length} blocked)`,
);
console.log(
  `    load of the same fleet ${ms(loadMs)}; plan/load = ${(planDraining / loadMs).toFixed(2)} (targets: < 100 ms and < 0.2x load)`,
);
console.log(
  `(d) peak RSS during the 10,000-server plans: ${(peakRss / 1024 / 1024).toFixed(0)} MB (target < 200 MB)`,
);

// (b) + (c): converge 1,000 servers, 1 service each, 10% draining, latencyMs 20, on the simulated driver.
const SERVERS = 1000;
const LATENCY = 20;
const pool: PoolSpec = {
  name: 'bench',
  source: { file: 'bench', line: 1, column: 1 },
  targets: [{ driver: 'simulated' }],
  loadBalancing: 'dns',
  services: ['RTCSRV'],
  units: [{ name: 'RTCSRV', role: 'services' }],
  budget: { kind: 'maxUnavailable', count: { kind: 'percent', value: 100 } },
  drain: { timeoutMs: 3_600_000, allowSessionLoss: false },
  suspend: false,
  servers: Array.from({ length: SERVERS }, (_, i) => {
    const mode = i % 10 === 0 ? ('draining' as const) : ('active' as const);
    return { name: `srv${i}.bench`, mode, reason: null, services: [{ name: 'RTCSRV', mode }] };
  }),
};
function freshState(): string {
  const stateDir = mkdtempSync(join(tmpdir(), 'quiesce-bench-state-'));
  const fleet: SimFleet = { servers: {} };
  for (const server of pool.servers) {
    fleet.servers[server.name] = {
      fault: null,
      latencyMs: LATENCY,
      services: {
        RTCSRV: {
          status: 'Running',
          startType: 'Automatic',
          canPause: true,
          sessions: 5,
          since: 0,
        },
      },
    };
  }
  mkdirSync(join(stateDir, 'simulated'), { recursive: true });
  writeFileSync(join(stateDir, 'simulated', 'bench.json'), JSON.stringify(fleet));
  return stateDir;
}
async function run(stateDir: string, concurrency: number) {
  const driver = createSimulatedDriver(pool, { stateDir });
  const started = performance.now();
  await converge({
    desired: { pools: [pool], files: [] },
    drivers: new Map([[pool.name, driver]]),
    concurrency,
    retry: { attempts: 1, baseMs: 1, maxMs: 1, sleep: async () => {}, random: Math.random },
    audit: () => {},
    revision: null,
    now: Date.now,
    sleep: async () => {},
    wait: false,
    timeoutMs: 0,
    pollMs: 0,
  });
  const elapsed = performance.now() - started;
  await driver.close();
  return { elapsed, calls: { ...driver.calls } };
}
const draining = SERVERS / 10;
for (const concurrency of [1, 16, 64]) {
  const stateDir = freshState();
  const { elapsed, calls } = await run(stateDir, concurrency);
  rmSync(stateDir, { recursive: true, force: true });
  // Critical path: observe every server, then per draining server 2 steps each followed by an observe.
  const bound =
    (Math.ceil(SERVERS / concurrency) + Math.ceil(draining / concurrency) * 4) * LATENCY;
  console.log(
    `(b) converge ${SERVERS} servers (${draining} draining), latency ${LATENCY} ms, concurrency ${String(concurrency).padStart(2)}: ${ms(elapsed)}; ideal bound ${ms(bound)} → ${(elapsed / bound).toFixed(2)}x (${calls.observe} observes, ${calls.run} steps)`,
  );
}
const stateDir = freshState();
await run(stateDir, 64);
const rerun = await run(stateDir, 64);
rmSync(stateDir, { recursive: true, force: true });
console.log(
  `(c) converged re-run: ${rerun.calls.observe} observe calls for ${SERVERS} servers, ${rerun.calls.run} steps (must be ${SERVERS} and 0)`,
);
