// Wiring shared by plan, apply, status and watch: the source, the drivers, retry timing.
import { err, ok, type Result } from 'neverthrow';
import { observeAll, type RetryPolicy } from '../apply/index.ts';
import { compositeDriver } from '../drivers/composite.ts';
import type { Driver } from '../drivers/driver.ts';
import { createHaproxyDriver } from '../drivers/haproxy/index.ts';
import { createSimulatedDriver } from '../drivers/simulated/index.ts';
import { createWindowsDriver } from '../drivers/windows/index.ts';
import { type DesiredSource, directorySource, gitSource } from '../loop/index.ts';
import type { DesiredState, Observations, Revision } from '../model.ts';
import { issuesText } from '../report/load-issues.ts';
import { sourceProblemJson, sourceProblemMarkdown } from '../report/source-problems.ts';
import { createStyle } from '../report/style.ts';
import { stateDirProblem } from '../state-dir.ts';
import type { ParsedArgs } from './args.ts';
import { colourFor, type Io } from './io.ts';

/** Options every reconciling command shares. */
export const engineOptions = {
  'state-dir': { type: 'string' },
  state: { type: 'string' },
  git: { type: 'string' },
  ref: { type: 'string' },
  path: { type: 'string' },
} as const;

/** A loaded desired state with its drivers. */
export interface Engine {
  desired: DesiredState;
  revision: Revision;
  drivers: Map<string, Driver>;
  retry: RetryPolicy;
  stateDir: string;
  close(): Promise<void>;
}

/** The state dir named by --state-dir (default .quiesce). */
export const stateDirOf = (args: ParsedArgs) => String(args.values['state-dir'] ?? '.quiesce');

/** PATH, or --git URL [--ref REF] [--path DIR]; a usage message when both or extra positionals are given. */
export function sourceOf(args: ParsedArgs): Result<DesiredSource, string> {
  const url = args.values.git;
  if (args.positionals.length > 1) return err('takes one PATH');
  if (typeof url === 'string') {
    if (args.positionals.length > 0) return err('give a PATH or --git URL, not both');
    const ref = String(args.values.ref ?? 'main');
    const path = String(args.values.path ?? 'desired-state');
    return ok(gitSource({ url, ref, path, stateDir: stateDirOf(args) }));
  }
  if (args.values.ref !== undefined || args.values.path !== undefined)
    return err('--ref and --path go with --git');
  return ok(directorySource(args.positionals[0] ?? 'desired-state'));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry timing for driver calls. */
export const retryPolicy: RetryPolicy = {
  attempts: 4,
  baseMs: 200,
  maxMs: 2000,
  sleep,
  random: Math.random,
};

/** One driver per pool: its services driver (simulated or windows), behind its load balancer if it has one. */
export function openDrivers(
  desired: DesiredState,
  stateDir: string,
  env: Io['env'],
): { drivers: Map<string, Driver>; close(): Promise<void> } {
  const seconds = Number(env.QUIESCE_SIM_SESSION_SECONDS ?? '3');
  const sessionSeconds = Number.isFinite(seconds) && seconds > 0 ? seconds : 3;
  const closers: (() => Promise<void>)[] = [];
  const drivers = new Map<string, Driver>(
    desired.pools.map((pool) => {
      const windows = pool.targets.find((t) => t.driver === 'windows');
      let services: Driver;
      if (windows?.driver === 'windows') {
        const driver = createWindowsDriver(windows);
        closers.push(() => driver.close());
        services = driver;
      } else {
        const driver = createSimulatedDriver(pool, { stateDir, sessionSeconds });
        closers.push(() => driver.close());
        services = driver;
      }
      const balancer = pool.targets.find((t) => t.driver === 'haproxy');
      const lb = balancer?.driver === 'haproxy' ? createHaproxyDriver(balancer) : null;
      return [pool.name, compositeDriver(services, lb)];
    }),
  );
  return {
    drivers,
    async close() {
      await Promise.all(closers.map((close) => close()));
    },
  };
}

/** How a command prints its result: the --output value. */
export type OutputFormat = 'text' | 'json' | 'markdown';

/** Reads the source once and opens drivers; prints what went wrong (stderr, and stdout as json/markdown) and returns err(1) otherwise. */
export async function openEngine(
  source: DesiredSource,
  stateDir: string,
  io: Io,
  output: OutputFormat = 'text',
): Promise<Result<Engine, number>> {
  const badStateDir = stateDirProblem(stateDir);
  if (badStateDir !== null) {
    io.stderr.write(`quiesce: ${badStateDir}\n`);
    return err(1);
  }
  const read = await source.read();
  if (read.kind !== 'valid' && output !== 'text')
    io.stdout.write(output === 'json' ? sourceProblemJson(read) : sourceProblemMarkdown(read));
  if (read.kind === 'unavailable') {
    io.stderr.write(
      `quiesce: cannot read ${source.describe}: ${read.error.kind}: ${read.error.message}\n`,
    );
    return err(1);
  }
  if (read.kind === 'invalid') {
    io.stderr.write(
      issuesText({ ok: false, issues: read.issues }, createStyle(colourFor(io.stderr, io.env))),
    );
    return err(1);
  }
  const { drivers, close } = openDrivers(read.desired, stateDir, io.env);
  return ok({
    desired: read.desired,
    revision: read.revision,
    drivers,
    retry: retryPolicy,
    stateDir,
    close,
  });
}

/** Reads the source and observes every server once, drivers closed after (plan, status); err(exit code) otherwise. */
export async function observeOnce(
  source: DesiredSource,
  stateDir: string,
  io: Io,
  output: OutputFormat = 'text',
): Promise<Result<{ desired: DesiredState; revision: Revision; observed: Observations }, number>> {
  const engine = await openEngine(source, stateDir, io, output);
  if (engine.isErr()) return err(engine.error);
  const { desired, drivers, retry, revision } = engine.value;
  try {
    return ok({ desired, revision, observed: await observeAll(desired, drivers, 16, retry) });
  } finally {
    await engine.value.close();
  }
}
