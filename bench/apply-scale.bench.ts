// Whole-process apply at scale (simulated driver, 20 ms per call, --concurrency 64): wall vs the ideal
// (driver calls × 20 ms / 64), CPU-s per 1,000 steps, peak RSS, and a converged re-run. Set
// QUIESCE_BENCH_BEFORE=<another checkout's bin/quiesce.js> to measure it in the same run, side by side, and
// QUIESCE_BENCH_PG=1 to run this build on PostgreSQL too (a cluster the bench starts); QUIESCE_BENCH_RUNS=N runs
// every case N times (builds alternating) and prints the medians; QUIESCE_BENCH_DROP_CACHES=1 (below).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { postgresCluster } from '../test/helpers/harnesses/postgres.ts';
import { measure, seconds } from './measure.ts';
import { type ScaleFleet, writeScaleFleet } from './scale-fleet.ts';

const LATENCY = 20;
const CONCURRENCY = 64;
const here = resolve(import.meta.dirname, '..', 'bin', 'quiesce.js');
const builds: [string, string][] = [['this build', here]];
if (process.env.QUIESCE_BENCH_BEFORE) builds.unshift(['before', process.env.QUIESCE_BENCH_BEFORE]);
const only = process.env.QUIESCE_BENCH_CASES?.split(',');
/**
 * Node 20 reads NODE_EXTRA_CA_CERTS' certificates as it starts, before any of quiesce's code runs (nodejs/node#40524;
 * +40 ms a process on the machines this project is measured on, which set it): quiesce is measured without it,
 * and Node's own start with and without it is printed. QUIESCE_BENCH_KEEP_ENV=1 measures with the environment as is.
 */
const KEEP_ENV = process.env.QUIESCE_BENCH_KEEP_ENV === '1';

const env: Record<string, string | undefined> = {
  QUIESCE_SIM_SESSION_SECONDS: '100000',
  ...(KEEP_ENV ? {} : { NODE_EXTRA_CA_CERTS: undefined }),
};

/** 10,000 servers in 500 pools of 20, two services each, every 10th server draining. */
const TEN_THOUSAND: ScaleFleet = {
  pools: 500,
  serversPerPool: 20,
  services: ['RTCSRV', 'RTCMEDSRV'],
  drainingEvery: 10,
  maxUnavailable: '100%',
  latencyMs: LATENCY,
};

const CASES: [string, ScaleFleet][] = [
  [
    '1000x1',
    {
      pools: 1,
      serversPerPool: 1_000,
      services: ['RTCSRV'],
      drainingEvery: 1,
      maxUnavailable: '100%',
      latencyMs: LATENCY,
    },
  ],
  [
    '3000x1',
    {
      pools: 1,
      serversPerPool: 3_000,
      services: ['RTCSRV'],
      drainingEvery: 1,
      maxUnavailable: '100%',
      latencyMs: LATENCY,
    },
  ],
  ['10000x500-used', TEN_THOUSAND],
  ['10000x500', TEN_THOUSAND],
];

/**
 * QUIESCE_BENCH_DROP_CACHES=1 (root, Linux): the kernel's file caches are dropped before each run, as the figures
 * in docs/development.md were measured — after hours of file churn a VM's dentry and inode caches make every file
 * operation slower, and each run would start where the one before left them. An apply of a two-server fleet
 * then reads the build's own files (Node, the bundle, its packages) back in, as any run after the first finds them,
 * and the pool files are read back as a checkout or a pull leaves them; the state dir stays as the drop left it.
 */
const DROP_CACHES = process.env.QUIESCE_BENCH_DROP_CACHES === '1';
const warmUp = DROP_CACHES
  ? writeScaleFleet({ ...TEN_THOUSAND, pools: 1, serversPerPool: 2, drainingEvery: 2 })
  : null;
const dropCaches = (bin: string, desired: string) => {
  if (warmUp === null) return;
  spawnSync('sync');
  writeFileSync('/proc/sys/vm/drop_caches', '3\n');
  const stateDir = mkdtempSync(join(tmpdir(), 'quiesce-warm-up-'));
  measure(bin, ['apply', warmUp.desired, '--state-dir', stateDir, '--output', 'json'], env);
  rmSync(stateDir, { recursive: true, force: true });
  for (const file of readdirSync(desired)) readFileSync(join(desired, file));
};

/** Steps the apply ran, as its JSON document says (`executed`, near its start). */
function stepsIn(stdout: string): number {
  const executed = /"executed": (\d+)/.exec(stdout);
  if (executed === null)
    throw new Error(`no "executed" in apply's output: ${stdout.slice(0, 200)}`);
  return Number(executed[1]);
}

/** Runs of each case and build (QUIESCE_BENCH_RUNS, default 1; one after another, builds alternating). */
const RUNS = Number(process.env.QUIESCE_BENCH_RUNS ?? 1);
/** Each case's walls, by build; the comparisons below use their medians. */
const unknown = only?.filter((name) => !CASES.some(([known]) => known === name)) ?? [];
if (unknown.length > 0) {
  console.error(
    `QUIESCE_BENCH_CASES: no case ${unknown.join(', ')}; the cases are ${CASES.map(([n]) => n).join(', ')}`,
  );
  process.exit(2);
}
const cluster = process.env.QUIESCE_BENCH_PG ? await postgresCluster() : null;
if (cluster !== null) builds.push(['postgres', here]);
const walls = new Map<string, number[]>();
/** Each case's ideal (it depends only on the fleet). */
const ideals = new Map<string, number>();
const median = (values: number[] | undefined) =>
  values === undefined ? undefined : [...values].sort((a, b) => a - b)[(values.length - 1) >> 1];
console.log(
  `apply, whole process, simulated driver ${LATENCY} ms per call, --concurrency ${CONCURRENCY}`,
);
if (process.env.NODE_EXTRA_CA_CERTS) {
  const start = (unset: boolean) => {
    const runs = Array.from({ length: 5 }, () =>
      measure('-e', ['0'], unset ? { NODE_EXTRA_CA_CERTS: undefined } : {}),
    );
    return median(runs.map((run) => run.wallS)) as number;
  };
  console.log(
    `Node's own start (node -e 0, median of 5): ${seconds(start(false))} with NODE_EXTRA_CA_CERTS as set here, ${seconds(start(true))} without; quiesce is measured ${KEEP_ENV ? 'with it (QUIESCE_BENCH_KEEP_ENV=1)' : 'without it'}`,
  );
}
for (const [name, shape] of CASES) {
  if (only && !only.includes(name)) continue;
  const servers = shape.pools * shape.serversPerPool;
  for (let round = 0; round < RUNS; round++)
    for (const [label, bin] of builds) {
      const { desired, stateDir, active } = writeScaleFleet(shape);
      const state =
        label === 'postgres' && cluster !== null ? ['--state', await cluster.freshDatabase()] : [];
      const argv = [
        'apply',
        desired,
        '--state-dir',
        stateDir,
        ...state,
        '--concurrency',
        String(CONCURRENCY),
        '--output',
        'json',
      ];
      // `-used`: the state dir has seen an apply of the same pools with every server active (as on any night
      // after the first): its pool folders, locks and views exist; the drains start from the same fleet.
      if (name.endsWith('-used')) {
        const warm = measure(
          bin,
          argv.map((arg) => (arg === desired ? active : arg)),
          env,
        );
        if (warm.code !== 0) throw new Error(`${label} ${name}: warm-up apply exited ${warm.code}`);
      }
      dropCaches(bin, desired);
      const run = measure(bin, argv, env);
      if (run.code !== 0)
        throw new Error(`${label} ${name}: apply exited ${run.code}: ${run.stderr.slice(0, 400)}`);
      const steps = stepsIn(run.stdout);
      // Each server observed once, each step followed by an observe of its server.
      const ideal = ((servers + 2 * steps) * LATENCY) / CONCURRENCY / 1000;
      walls.set(`${label} ${name}`, [...(walls.get(`${label} ${name}`) ?? []), run.wallS]);
      ideals.set(`${label} ${name}`, ideal);
      console.log(
        `${label.padEnd(10)} ${String(servers).padStart(6)} servers in ${shape.pools} pool(s)${name.endsWith('-used') ? ', state dir used before' : ''}, ${steps} steps: ${seconds(run.wallS)} wall (${(run.wallS / ideal).toFixed(2)}× ideal ${seconds(ideal)}), ${run.cpuS.toFixed(2)} CPU-s (${((run.cpuS * 1000) / steps).toFixed(2)} per 1,000 steps), peak ${run.peakMb.toFixed(0)} MB`,
      );
      if (name === '1000x1' && round === 0) {
        const again = measure(bin, argv, env);
        const more = stepsIn(again.stdout);
        console.log(
          `${label.padEnd(10)}   converged re-run of ${servers}: ${seconds(again.wallS)} wall, ${again.cpuS.toFixed(2)} CPU-s, ${more} steps (exit ${again.code})`,
        );
      }
      rmSync(desired, { recursive: true, force: true });
      rmSync(active, { recursive: true, force: true });
      rmSync(stateDir, { recursive: true, force: true });
    }
}
if (RUNS > 1)
  for (const [key, runs] of walls) {
    const middle = median(runs) as number;
    const ideal = ideals.get(key) as number;
    console.log(
      `${key}: median of ${runs.length} runs ${seconds(middle)} (${(middle / ideal).toFixed(2)}× ideal; ${runs.map((w) => w.toFixed(2)).join(', ')})`,
    );
  }
const pg = median(walls.get('postgres 1000x1'));
const folder = median(walls.get('this build 1000x1'));
if (pg && folder)
  console.log(`postgres / folder, 1,000 servers: ${(pg / folder).toFixed(2)}× (target ≤ 1.15×)`);
for (const [label] of builds) {
  const one = median(walls.get(`${label} 1000x1`));
  const three = median(walls.get(`${label} 3000x1`));
  if (one && three)
    console.log(
      `${label}: 3,000 / 1,000 servers wall = ${(three / one).toFixed(2)}× (target ≤ 3.3×)`,
    );
}
await cluster?.stop();
for (const dir of warmUp === null ? [] : [warmUp.desired, warmUp.active, warmUp.stateDir])
  rmSync(dir, { recursive: true, force: true });
process.exit(0);
