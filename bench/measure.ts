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

/** Runs `node <bin> ...argv` under /usr/bin/time; `env` is added to this process's environment. */
export function measure(bin: string, argv: string[], env: Record<string, string> = {}): Measured {
  const scratch = mkdtempSync(join(tmpdir(), 'quiesce-measure-'));
  const out = join(scratch, 'time');
  const run = spawnSync(
    '/usr/bin/time',
    ['-o', out, '-f', '%e %U %S %M', process.execPath, bin, ...argv],
    { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 },
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

/** "1.23 s". */
export const seconds = (value: number) => `${value.toFixed(2)} s`;
