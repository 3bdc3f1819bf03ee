// Wiring shared by plan, apply, status and watch: the source, the drivers, retry timing.
import { err, ok, type Result } from 'neverthrow';
import { observeAll, type RetryPolicy } from '../apply/index.ts';
import { compositeDriver } from '../drivers/composite.ts';
import type { Driver } from '../drivers/driver.ts';
import type { KeptDrivers } from '../drivers/kept-drivers.ts';
import { driverRow } from '../drivers/registry.ts';
import { type DesiredSource, directorySource, gitSource } from '../loop/index.ts';
import type { DesiredState, Observations, PoolSpec, Revision, TargetSpec } from '../model.ts';
import { issuesText } from '../report/load-issues.ts';
import { sourceProblemJson, sourceProblemMarkdown } from '../report/source-problems.ts';
import { createStyle } from '../report/style.ts';
import { sleep } from '../sleep.ts';
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

/** Retry timing for driver calls. */
export const retryPolicy: RetryPolicy = {
  attempts: 4,
  baseMs: 200,
  maxMs: 2000,
  sleep,
  random: Math.random,
};

/** What drivers print besides results: warnings (a missing session counter), once each. */
export const driverWarning = (io: Pick<Io, 'stderr'>) => (message: string) =>
  io.stderr.write(`quiesce: warning: ${message}\n`);

/**
 * One driver per pool: its services driver, behind its load balancers if it has any (the driver table opens
 * each target). `close()` closes them all, except those `kept` holds across rounds (watch closes those at exit).
 */
export function openDrivers(
  desired: DesiredState,
  stateDir: string,
  env: Io['env'],
  options: { warn?: (message: string) => void; kept?: KeptDrivers } = {},
): { drivers: Map<string, Driver>; close(): Promise<void> } {
  const seconds = Number(env.QUIESCE_SIM_SESSION_SECONDS ?? '3');
  const sessionSeconds = Number.isFinite(seconds) && seconds > 0 ? seconds : 3;
  const warn = options.warn ?? (() => {});
  const owned: Driver[] = [];
  const rowOf = (target: TargetSpec) =>
    driverRow(target.driver).match(
      (row) => row,
      (message) => {
        // The loader admits only drivers the table has (its type says so): a miss here is a bug.
        throw new Error(message);
      },
    );
  const open = (pool: PoolSpec, target: TargetSpec): Driver => {
    const row = rowOf(target);
    const context = { pool, stateDir, sessionSeconds, warn };
    if (row.keep && options.kept !== undefined)
      return options.kept.driver(pool.name, target, () => row.open(target, context));
    const driver = row.open(target, context);
    owned.push(driver);
    return driver;
  };
  const drivers = new Map<string, Driver>(
    desired.pools.map((pool) => {
      const services = open(
        pool,
        pool.targets.find((t) => rowOf(t).role === 'services') ?? SIMULATED,
      );
      const balancers = pool.targets.flatMap((target, index) =>
        rowOf(target).role === 'loadBalancer'
          ? [{ driver: open(pool, target), units: balancerUnits(pool, index) }]
          : [],
      );
      return [pool.name, compositeDriver(services, balancers)];
    }),
  );
  return {
    drivers,
    async close() {
      await Promise.all(owned.map((driver) => driver.close()));
    },
  };
}

/** The services target of a pool that declares none. */
const SIMULATED: TargetSpec = { driver: 'simulated' };

/** The units the balancer at `index` of the pool's targets carries. */
const balancerUnits = (pool: PoolSpec, index: number) =>
  pool.units.flatMap((unit) =>
    unit.role === 'loadBalancer' && unit.target === index ? [unit.name] : [],
  );

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
  const { drivers, close } = openDrivers(read.desired, stateDir, io.env, {
    warn: driverWarning(io),
  });
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
