// Apply of 1,000 simulated servers (100 draining: 600 steps, each audited and fenced) with the
// PostgreSQL store vs the folder store; target: PostgreSQL ≤ 1.15× the folder store.
import { rmSync } from 'node:fs';
import { main } from '../reconciler/cli/index.ts';
import { openPostgresStore } from '../reconciler/state/postgres/postgres-store.ts';
import { tempTree } from '../test/helpers/builders/temp-tree.ts';
import { postgresCluster } from '../test/helpers/harnesses/postgres.ts';
import { writeFleet } from './fleet.ts';
import { median, ms } from './stats.ts';

const RUNS = 9;
const dir = writeFleet(1_000, 10, 10, 0);
const quiet = { write: () => true, isTTY: false };
const io = { stdout: quiet, stderr: quiet, env: { QUIESCE_SIM_SESSION_SECONDS: '100000' } };
const cluster = await postgresCluster();

/** A fresh database with the schema already created (as every run after the first finds it). */
async function migrated(): Promise<string> {
  const url = await cluster.freshDatabase();
  const store = await openPostgresStore({ url });
  if (store.isErr()) throw new Error(store.error.message);
  await store.value.close();
  return url;
}

async function applyOnce(state: string | null): Promise<number> {
  const argv = ['apply', dir, '--state-dir', tempTree(), '--output', 'json'];
  if (state !== null) argv.push('--state', state);
  const started = performance.now();
  const code = await main(argv, io);
  const took = performance.now() - started;
  if (code !== 0 && code !== 3) throw new Error(`apply exited ${code}`);
  return took;
}

const folder: number[] = [];
const postgres: number[] = [];
await applyOnce(null); // warm-up
for (let run = 0; run < RUNS; run++) {
  folder.push(await applyOnce(null));
  postgres.push(await applyOnce(await migrated()));
}
const [f, p] = [median(folder), median(postgres)];
// Runs alternate, so the median of each pair's ratio is steadier than the ratio of medians on a busy machine.
const pairs = median(postgres.map((took, i) => took / (folder[i] as number)));
console.log(
  `apply of 1,000 simulated servers (600 steps): folder ${ms(f)}, postgres ${ms(p)} (median of ${RUNS}); ratio ${(p / f).toFixed(2)}×, median pair ratio ${pairs.toFixed(2)}× (target ≤ 1.15×)`,
);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
