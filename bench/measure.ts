// Runs a quiesce command as its own process and measures it (wall, CPU seconds, peak RSS) with /usr/bin/time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one process cost and how it ended. */
export interface Measured {
  code: number;
  wallS: number;
  cpuS: number;
  peakMb: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <bin> ...argv` under /usr/bin/time; `env` is added to this process's environment (undefined: unset). */
export function measure(
  bin: string,
  argv: string[],
  env: Record<string, string | undefined> = {},
): Measured {
  const scratch = mkdtempSync(join(tmpdir(), 'quiesce-measure-'));
  const out = join(scratch, 'time');
  const run = spawnSync(
    '/usr/bin/time',
    ['-o', out, '-f', '%e %U %S %M', process.execPath, bin, ...argv],
    { env: withEnv(env), encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const fields = readFileSync(out, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
  rmSync(scratch, { recursive: true, force: true });
  const [wall = Number.NaN, user = 0, system = 0, rssKb = 0] = fields;
  return {
    code: run.status ?? -1,
    wallS: wall,
    cpuS: user + system,
    peakMb: rssKb / 1024,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

/** This process's environment with `env` laid over it (a variable set to undefined is removed). */
function withEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
  return merged;
}

/** "1.23 s". */
export const seconds = (value: number) => `${value.toFixed(2)} s`;
