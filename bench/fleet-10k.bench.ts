// Item 2 of issue 21: the whole command path at 10,000 servers in 500 pools of 20 (2 services each, 10 %
// draining, simulated driver 20 ms per call), each command its own process, on the folder store and on
// PostgreSQL (a cluster this bench starts). Prints wall, CPU-s, peak RSS and exit code per command.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { postgresCluster } from '../test/helpers/harnesses/postgres.ts';
import { measure, seconds } from './measure.ts';
import { writeScaleFleet } from './scale-fleet.ts';

const bin = resolve(import.meta.dirname, '..', 'bin', 'quiesce.js');
const env = { QUIESCE_SIM_SESSION_SECONDS: '100000' };
const shape = {
  pools: 500,
  serversPerPool: 20,
  services: ['RTCSRV', 'RTCMEDSRV'],
  drainingEvery: 10,
  maxUnavailable: '25%',
  latencyMs: 20,
};
const stores = (process.env.QUIESCE_BENCH_STORES ?? 'folder,postgres').split(',');
const cluster = stores.includes('postgres') ? await postgresCluster() : null;

console.log(
  '10,000 servers in 500 pools of 20, 2 services each, 10 % draining; whole process per command',
);
for (const store of stores) {
  const { desired, stateDir } = writeScaleFleet(shape);
  const where = ['--state-dir', stateDir];
  if (store === 'postgres' && cluster !== null)
    where.push('--state', await cluster.freshDatabase());
  const commands: [string, string[], number[]][] = [
    ['validate', ['validate', desired], [0]],
    ['plan', ['plan', desired, ...where, '-o', 'json'], [0]],
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
    ['history --since 1h', ['history', '--since', '1h', ...where, '-o', 'json'], [0]],
    ['plan --from-store', ['plan', desired, '--from-store', ...where, '-o', 'json'], [0]],
  ];
  console.log(`${store} store:`);
  for (const [name, argv, codes] of commands) {
    const run = measure(bin, argv, env);
    const bad = codes.includes(run.code) ? '' : ` UNEXPECTED EXIT: ${run.stderr.slice(0, 300)}`;
    console.log(
      `  ${name.padEnd(24)} ${seconds(run.wallS).padStart(8)} wall, ${run.cpuS.toFixed(2)} CPU-s, peak ${run.peakMb.toFixed(0)} MB, exit ${run.code}, ${(run.stdout.length / 1024).toFixed(0)} KiB out${bad}`,
    );
  }
  rmSync(desired, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}
await cluster?.stop();
process.exit(0);
