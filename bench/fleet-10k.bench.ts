// Item 2 of issue 21: the whole command path at 10,000 servers in 500 pools of 20 (2 services each, 10 %
// draining, simulated driver 20 ms per call), each command its own process, on the folder store and on
// PostgreSQL (a cluster this bench starts). Prints wall, CPU-s, peak RSS and exit code per command, then
// `serve` on what the commands left, and (PostgreSQL) four watchers sharing a fresh fleet with a kill -9.
// QUIESCE_BENCH_PARTS=commands,serve,watch picks parts; QUIESCE_BENCH_STORES=folder,postgres the stores;
// QUIESCE_BENCH_POOLS a smaller fleet (500 unless set).
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { openFolderStore } from '../reconciler/state/folder/index.ts';
import { openPostgresStore } from '../reconciler/state/postgres/postgres-store.ts';
import type { StateStore } from '../reconciler/state/store.ts';
import { postgresCluster } from '../test/helpers/harnesses/postgres.ts';
import { serveFigures } from './fleet-serve.ts';
import { watchFigures } from './fleet-watch.ts';
import { measure, seconds } from './measure.ts';
import { writeScaleFleet } from './scale-fleet.ts';

const bin = resolve(import.meta.dirname, '..', 'bin', 'quiesce.js');
const env = { QUIESCE_SIM_SESSION_SECONDS: '100000' };
const shape = {
  pools: Number(process.env.QUIESCE_BENCH_POOLS ?? 500),
  serversPerPool: 20,
  services: ['RTCSRV', 'RTCMEDSRV'],
  drainingEvery: 10,
  maxUnavailable: '25%',
  latencyMs: 20,
};
const stores = (process.env.QUIESCE_BENCH_STORES ?? 'folder,postgres').split(',');
const parts = (process.env.QUIESCE_BENCH_PARTS ?? 'commands,serve,watch').split(',');
/** The store the commands used, opened in this process (serve's figures change a record in it). */
const openStore = async (stateDir: string, url: string | null): Promise<StateStore> => {
  if (url === null) return openFolderStore(stateDir);
  const opened = await openPostgresStore({ url });
  if (opened.isErr()) throw new Error(opened.error.message);
  return opened.value;
};
const cluster = stores.includes('postgres') ? await postgresCluster() : null;

console.log(
  `${shape.pools * shape.serversPerPool} servers in ${shape.pools} pools of 20, 2 services each, 10 % draining; whole process per command`,
);
for (const store of stores) {
  const { desired, stateDir, active } = writeScaleFleet(shape);
  rmSync(active, { recursive: true, force: true });
  const where = ['--state-dir', stateDir];
  const url = store === 'postgres' && cluster !== null ? await cluster.freshDatabase() : null;
  if (url !== null) where.push('--state', url);
  const commands: [string, string[], number[]][] = [
    ['validate', ['validate', desired], [0]],
    ['plan', ['plan', desired, ...where, '-o', 'json'], [0]],
    [
      'plan --concurrency 64',
      ['plan', desired, ...where, '--concurrency', '64', '-o', 'json'],
      [0],
    ],
    [
      'apply (10 % draining)',
      ['apply', desired, ...where, '--concurrency', '64', '-o', 'json'],
      [0],
    ],
    [
      'apply, converged re-run',
      ['apply', desired, ...where, '--concurrency', '64', '-o', 'json'],
      [0],
    ],
    ['status', ['status', desired, ...where, '-o', 'json'], [0]],
    [
      'status --concurrency 64',
      ['status', desired, ...where, '--concurrency', '64', '-o', 'json'],
      [0],
    ],
    ['history --since 1h', ['history', '--since', '1h', ...where, '-o', 'json'], [0]],
    ['plan --from-store', ['plan', desired, '--from-store', ...where, '-o', 'json'], [0]],
  ];
  console.log(`${store} store:`);
  // serve needs what an apply recorded: without the commands, one apply records it.
  const chosen = parts.includes('commands')
    ? commands
    : commands.filter(([name]) => parts.includes('serve') && name === 'apply (10 % draining)');
  for (const [name, argv, codes] of chosen) {
    const run = measure(bin, argv, env);
    const bad = codes.includes(run.code) ? '' : ` UNEXPECTED EXIT: ${run.stderr.slice(0, 300)}`;
    console.log(
      `  ${name.padEnd(24)} ${seconds(run.wallS).padStart(8)} wall, ${run.cpuS.toFixed(2)} CPU-s, peak ${run.peakMb.toFixed(0)} MB, exit ${run.code}, ${(run.stdout.length / 1024).toFixed(0)} KiB out${bad}`,
    );
  }
  if (parts.includes('serve')) {
    const opened = await openStore(stateDir, url);
    await serveFigures(where, opened);
    await opened.close();
  }
  rmSync(desired, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
  if (url !== null && parts.includes('watch')) {
    const fleet = writeScaleFleet(shape);
    const fresh = await (cluster as NonNullable<typeof cluster>).freshDatabase();
    const opened = await openStore(fleet.stateDir, fresh);
    await watchFigures(fleet.desired, fleet.stateDir, fresh, opened, shape.pools, env);
    await opened.close();
    rmSync(fleet.desired, { recursive: true, force: true });
    rmSync(fleet.active, { recursive: true, force: true });
    rmSync(fleet.stateDir, { recursive: true, force: true });
  }
}
await cluster?.stop();
process.exit(0);
