// The engine as the CLI builds it: the source, the store location and EngineConfig, from argv and the environment.
import { err, ok, type Result } from 'neverthrow';
import {
  type EngineConfig,
  GATE_RECHECK_MS,
  GATE_TIMEOUT_MS,
  READ_CONCURRENCY,
  RETRY_POLICY,
} from '../engine/config.ts';
// loop/source, not loop/index.ts: a command that does not watch never loads the file watcher (chokidar).
import { type DesiredSource, directorySource, gitSource } from '../loop/source/index.ts';
import type { ParsedArgs } from './args.ts';
import { actorFor } from './ci-job.ts';
import type { Io } from './io.ts';
import { retryArgsOf } from './retry-args.ts';

/** The state dir named by --state-dir (default .quiesce). */
export const stateDirOf = (args: ParsedArgs) => String(args.values['state-dir'] ?? '.quiesce');

/** The store URL from --state or QUIESCE_STATE, or null for the folder store. */
export function stateUrlOf(args: ParsedArgs, env: Io['env']): string | null {
  const url = typeof args.values.state === 'string' ? args.values.state : env.QUIESCE_STATE;
  return url === undefined || url === '' ? null : url;
}

/**
 * PATH, or --git URL [--ref REF] [--path DIR] (git runs with `env`, filtered); a usage message when both or
 * extra positionals are given.
 */
export function sourceOf(args: ParsedArgs, env: Io['env']): Result<DesiredSource, string> {
  const url = args.values.git;
  if (args.positionals.length > 1) return err('takes one PATH');
  if (typeof url === 'string') {
    if (args.positionals.length > 0) return err('give a PATH or --git URL, not both');
    const ref = String(args.values.ref ?? 'main');
    const path = String(args.values.path ?? 'desired-state');
    return ok(gitSource({ url, ref, path, stateDir: stateDirOf(args), env }));
  }
  if (args.values.ref !== undefined || args.values.path !== undefined)
    return err('--ref and --path go with --git');
  return ok(directorySource(args.positionals[0] ?? 'desired-state'));
}

/** What drivers print besides results: warnings (a missing session counter), once each. */
export const driverWarning = (io: Pick<Io, 'stderr'>) => (message: string) =>
  io.stderr.write(`quiesce: warning: ${message}\n`);

/**
 * The clock rounds and windows read: the system clock, shifted by `QUIESCE_CLOCK_OFFSET_MS` when set (to
 * rehearse a maintenance window, or to test one, without waiting for it).
 */
export function clockOf(env: Io['env']): () => number {
  const offset = Number(env.QUIESCE_CLOCK_OFFSET_MS ?? '0');
  return Number.isFinite(offset) && offset !== 0 ? () => Date.now() + offset : Date.now;
}

/** The simulated driver's mean session lifetime: QUIESCE_SIM_SESSION_SECONDS, else 3 s. */
function sessionSecondsOf(env: Io['env']): number {
  const seconds = Number(env.QUIESCE_SIM_SESSION_SECONDS ?? '3');
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 3;
}

/** The gate re-check interval: QUIESCE_GATE_RECHECK_SECONDS (tests shorten it), else 30 s. */
function gateRecheckOf(env: Io['env']): number {
  const recheck = Number(env.QUIESCE_GATE_RECHECK_SECONDS);
  return Number.isFinite(recheck) && recheck > 0 ? recheck * 1000 : GATE_RECHECK_MS;
}

/** The EngineConfig of `command`: built once, from argv and the environment (the only place they are read). */
export function engineConfig(
  args: ParsedArgs,
  io: Io,
  command: string,
  settings: { concurrency?: number; signal?: AbortSignal } = {},
): EngineConfig {
  const url = stateUrlOf(args, io.env);
  const stateDir = stateDirOf(args);
  return {
    store: url === null ? { folder: stateDir } : { url },
    stateDir,
    locks: command === 'apply' || command === 'watch',
    concurrency: settings.concurrency ?? READ_CONCURRENCY,
    retry: RETRY_POLICY,
    now: clockOf(io.env),
    actor: actorFor(command, io.env),
    gateRecheckMs: gateRecheckOf(io.env),
    gateTimeoutMs: GATE_TIMEOUT_MS,
    sessionSeconds: sessionSecondsOf(io.env),
    env: io.env,
    warn: driverWarning(io),
    // apply --retry-hook POOL SERVER [PATH]: its PATH is the third positional.
    retryArgs: retryArgsOf(
      args,
      io.env,
      args.values['retry-hook'] === true ? args.positionals[2] : args.positionals[0],
    ),
    ...(settings.signal === undefined ? {} : { signal: settings.signal }),
  };
}

/** How a command prints its result: the --output value. */
export type OutputFormat = 'text' | 'json' | 'markdown';
