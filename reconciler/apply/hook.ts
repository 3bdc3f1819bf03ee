// Runs a maintenance hook: argv without a shell, QUIESCE_* in its environment, a time limit that kills its
// whole process tree, and the end of its output kept; on Linux and Windows.
import { spawn } from 'node:child_process';
import { err, ok, type Result } from 'neverthrow';
import { formatDuration } from '../duration.ts';
import { hookCommand } from './hook-command.ts';
import { OutputTail } from './output-tail.ts';
import { killTree } from './process-tree.ts';

/** Which hook, for whom. */
export interface HookRequest {
  argv: readonly string[];
  timeoutMs: number;
  pool: string;
  server: string;
  maintenanceId: string;
  revision: string | null;
}

/** How the hook runs: the environment it inherits (handed in by the CLI) and what to tell on the way. */
export interface HookOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Called once the process exists, with its pid (= its process group id), before any output. */
  onSpawn?: (pid: number) => void;
  /** Aborting kills the process group, like a timeout. */
  signal?: AbortSignal;
  /** After SIGTERM to the group, how long before SIGKILL (Linux; Windows ends the tree at once). */
  graceMs?: number;
  /** The platform's rules (default: this one's): tests use it to check Windows' commands on Linux. */
  platform?: NodeJS.Platform;
  maxBytes?: number;
  maxLines?: number;
}

/** A hook that exited 0. */
export interface HookSuccess {
  exitCode: 0;
  tail: string[];
  durationMs: number;
}

/** A hook that failed: a non-zero exit, killed by a signal, past its timeout, aborted, or not started. */
export interface HookFailure {
  kind: 'Exit' | 'Signal' | 'Timeout' | 'Aborted' | 'Spawn';
  exitCode: number | null;
  tail: string[];
  durationMs: number;
  message: string;
}

/** `{server}` in an argument becomes the server name. */
export const hookArgv = (argv: readonly string[], server: string): string[] =>
  argv.map((arg) => arg.replaceAll('{server}', server));

/** Runs the hook to its end; never rejects. */
export function runHook(
  request: HookRequest,
  options: HookOptions,
): Promise<Result<HookSuccess, HookFailure>> {
  const started = performance.now();
  const tail = new OutputTail(options.maxBytes ?? 64 * 1024, options.maxLines ?? 40);
  const platform = options.platform ?? process.platform;
  const windows = platform === 'win32';
  const argv = hookArgv(request.argv, request.server);
  const file = argv[0] as string;
  const command = hookCommand(argv, platform, options.env.ComSpec ?? 'cmd.exe');
  return new Promise((resolve) => {
    const child = spawn(command.file, command.args, {
      shell: false,
      // Linux: its own process group, so a timeout stops everything it started. Windows: detached would
      // open a console window; the tree is found by parent pid instead.
      detached: !windows,
      windowsHide: true,
      windowsVerbatimArguments: command.verbatim,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...options.env,
        QUIESCE_POOL: request.pool,
        QUIESCE_SERVER: request.server,
        QUIESCE_MAINTENANCE_ID: request.maintenanceId,
        QUIESCE_REVISION: request.revision ?? '',
      },
    });
    let stopped: 'Timeout' | 'Aborted' | null = null;
    let spawnError: NodeJS.ErrnoException | null = null;
    let killer: NodeJS.Timeout | null = null;
    const stop = (why: 'Timeout' | 'Aborted') => {
      if (stopped !== null || child.pid === undefined) return;
      stopped = why;
      if (windows) {
        // Windows has no SIGTERM for a console program: the tree ends at once (taskkill /T /F).
        void killTree(child.pid, 'SIGKILL', platform);
        return;
      }
      void killTree(child.pid, 'SIGTERM', platform);
      killer = setTimeout(
        () => void killTree(child.pid as number, 'SIGKILL', platform),
        options.graceMs ?? 5_000,
      );
    };
    const timer = setTimeout(() => stop('Timeout'), request.timeoutMs);
    const onAbort = () => stop('Aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    child.on('error', (error) => {
      spawnError = error;
    });
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (killer !== null) clearTimeout(killer);
      options.signal?.removeEventListener('abort', onAbort);
      // Linux: whatever the hook left running in its group goes with it. Windows: once the hook has
      // exited its tree cannot be told apart any more (a job object would; Node.js has none), so only a
      // timeout or an abort ends what it started.
      if (child.pid !== undefined && !windows) void killTree(child.pid, 'SIGKILL', platform);
      const durationMs = Math.round(performance.now() - started);
      const lines = tail.lines();
      if (spawnError !== null) {
        const { code: errno, message } = spawnError as NodeJS.ErrnoException;
        const what =
          errno === 'ENOENT'
            ? 'no such program'
            : errno === 'EACCES'
              ? 'permission denied'
              : message;
        resolve(
          err({
            kind: 'Spawn',
            exitCode: null,
            tail: lines,
            durationMs,
            message: `could not start ${file}: ${what}`,
          }),
        );
      } else if (stopped !== null) {
        const message =
          stopped === 'Timeout'
            ? `hook ran longer than its timeout (${formatDuration(request.timeoutMs)}) and was killed`
            : 'hook was stopped (quiesce was interrupted)';
        resolve(err({ kind: stopped, exitCode: code, tail: lines, durationMs, message }));
      } else if (code === 0) {
        resolve(ok({ exitCode: 0, tail: lines, durationMs }));
      } else if (code === null) {
        resolve(
          err({
            kind: 'Signal',
            exitCode: null,
            tail: lines,
            durationMs,
            message: `hook was killed by ${signal ?? 'a signal'}`,
          }),
        );
      } else {
        resolve(
          err({
            kind: 'Exit',
            exitCode: code,
            tail: lines,
            durationMs,
            message: `hook exited with code ${code}`,
          }),
        );
      }
    };
    child.on('close', finish);
    // Something the hook started in the background may hold its output open: stop waiting shortly after it exits.
    child.on('exit', (code, signal) => {
      setTimeout(() => finish(code, signal), 500).unref();
    });
  });
}
