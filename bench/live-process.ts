// Long-running quiesce processes for the benchmarks (watch, serve): start one, read its CPU and peak RSS
// from /proc while it runs, time an HTTP request to its first byte.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '..', 'bin', 'quiesce.js');

/** A running `quiesce …argv` with its output so far. */
export function startQuiesce(
  argv: string[],
  env: Record<string, string> = {},
): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [bin, ...argv], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return Object.assign(child, { output: () => output });
}

/** CPU seconds so far and peak RSS (VmHWM) of a live process, from /proc (Linux). */
export function processCost(pid: number): { cpuS: number; peakMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuS: ticks / 100, peakMb: Number(hwm?.[1] ?? 0) / 1024 };
}

/** Resolves when the process has exited. */
export const exited = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });

/** Polls `check` every `everyMs` until it is true; fails after `ms`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** GET `url`: ms to the response's headers (first byte), ms to the whole body, and its size. */
export async function timedGet(
  url: string,
): Promise<{ ttfbMs: number; totalMs: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const ttfbMs = performance.now() - started;
  const body = await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return { ttfbMs, totalMs: performance.now() - started, bytes: body.byteLength };
}
