// Loader benchmark: load+validate of 10,000 servers x 3 services in 20 files, next to bare js-yaml.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { loadDesiredState } from '../reconciler/load/index.ts';
import { writeFleet } from './fleet.ts';
import { median, ms, time } from './stats.ts';

const SERVERS = 10_000;
const FILES = 20;
const RUNS = 15;

const dir = writeFleet(SERVERS, FILES);
const files = readdirSync(dir).map((name) => join(dir, name));
const bytes = files.reduce((n, file) => n + statSync(file).size, 0);

const bare = median(
  await time(() => {
    for (const file of files) loadAll(readFileSync(file, 'utf8'), { schema: CORE_SCHEMA });
  }, RUNS),
);
const ours = median(
  await time(async () => {
    const result = await loadDesiredState([dir]);
    if (result.isErr()) throw new Error(JSON.stringify(result.error.slice(0, 3)));
  }, RUNS),
);
rmSync(dir, { recursive: true, force: true });

console.log(
  `loader benchmark: ${SERVERS} servers x 3 services in ${FILES} files, ${(bytes / 1024).toFixed(0)} KiB, median of ${RUNS}`,
);
console.log(`  bare js-yaml read+parse   ${ms(bare)}`);
console.log(
  `  quiesce load+validate     ${ms(ours)}  (${(ours / bare).toFixed(2)}x bare; target <= 1.5x and < 1000 ms)`,
);
console.log(
  `  throughput                ${Math.round(SERVERS / (ours / 1000)).toLocaleString('en')} servers/s, ${(bytes / 1024 / 1024 / (ours / 1000)).toFixed(1)} MiB/s`,
);
