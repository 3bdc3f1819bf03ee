// openEngine: the desired state read once, the store and the drivers opened; printing nothing.
import { err, ok, type Result } from 'neverthrow';
import { observeAll } from '../apply/observe-all.ts';
import type { RoundPlanner, RoundRuntime } from '../apply/round-context.ts';
import type { Driver } from '../drivers/driver.ts';
import { type EngineError, fromState } from '../errors.ts';
import type { DesiredSource } from '../loop/index.ts';
import type { DesiredState, Observations, Revision } from '../model.ts';
import type { MaintenancePlan } from '../plan/maintenance/maintenance-plan.ts';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import { stateDirProblem } from '../state-dir.ts';
import type { EngineConfig } from './config.ts';
import { openDrivers } from './drivers.ts';
import { roundPlanner } from './plan-inputs.ts';
import { roundRuntime } from './rounds.ts';

/** A loaded desired state with its drivers and store: what every operation on it shares. */
export interface Engine {
  readonly config: EngineConfig;
  readonly desired: DesiredState;
  readonly revision: Revision;
  /** The source, as messages and views name it. */
  readonly source: string;
  readonly drivers: Map<string, Driver>;
  readonly store: StateStore;
  /** What lives across the rounds of this engine: records' home, gate answers, live hooks. */
  readonly rounds: RoundRuntime;
  /** Plans a round (engine/plan-inputs.ts): `ask` lets it ask gates. */
  readonly planner: RoundPlanner;
  /** Observes every server once (config.concurrency at a time). */
  observe(): Promise<Observations>;
  /** The plan of these observations with the rounds as their records have them (asks no gate). */
  plan(observed: Observations): Promise<Result<MaintenancePlan, EngineError>>;
  /** Closes the drivers (which saves the simulated world); once. */
  closeDrivers(): Promise<Result<void, EngineError>>;
  /** Closes the drivers, if still open, and the store. */
  close(): Promise<Result<void, EngineError>>;
}

/**
 * Opens the store the config names (history, unlock, watch and serve need nothing else); a folder store whose
 * state dir is a file is refused here, as every command says it (BadStateDir), before anything reads it.
 */
export async function openStore(config: EngineConfig): Promise<Result<StateStore, EngineError>> {
  if ('folder' in config.store) {
    const bad = stateDirProblem(config.store.folder);
    if (bad !== null) return err({ kind: 'BadStateDir', message: bad });
  }
  const store = await openStateStore(config.store, { env: config.env, locks: config.locks });
  return store.mapErr(fromState);
}

/** Closes drivers; a failure to save what they keep is a NotSaved error, never a throw. */
async function closing(close: () => Promise<void>): Promise<Result<void, EngineError>> {
  try {
    await close();
    return ok(undefined);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return err({ kind: 'NotSaved', message: `cannot save the world: ${message}` });
  }
}

/**
 * Checks the state dir, reads the source once, opens the store and the drivers. Prints nothing: what went
 * wrong is the EngineError (the CLI renders it). With `only`, the engine works on that pool alone (its drivers,
 * its plan, its lock): `apply --retry-hook POOL` touches nothing else.
 */
export async function openEngine(
  source: DesiredSource,
  config: EngineConfig,
  only?: { pool: string },
): Promise<Result<Engine, EngineError>> {
  const badStateDir = stateDirProblem(config.stateDir);
  if (badStateDir !== null) return err({ kind: 'BadStateDir', message: badStateDir });
  const read = await source.read();
  if (read.kind === 'unavailable')
    return err({ kind: 'SourceUnavailable', source: source.describe, error: read.error });
  if (read.kind === 'invalid')
    return err({ kind: 'InvalidDesiredState', revision: read.revision, issues: read.issues });
  const store = await openStore(config);
  if (store.isErr()) return err(store.error);
  const { revision } = read;
  // An unknown pool keeps them all: the operation refuses it, naming the pools there are.
  const known = only !== undefined && read.desired.pools.some((p) => p.name === only.pool);
  const desired = known
    ? { ...read.desired, pools: read.desired.pools.filter((p) => p.name === only?.pool) }
    : read.desired;
  const opened = openDrivers(desired, config);
  const rounds = roundRuntime(store.value, config);
  const planner = roundPlanner({ desired, revision, now: config.now, runtime: rounds });
  let driversClosed: Promise<Result<void, EngineError>> | null = null;
  const closeDrivers = () => {
    driversClosed ??= closing(opened.close);
    return driversClosed;
  };
  return ok({
    config,
    desired,
    revision,
    source: source.describe,
    drivers: opened.drivers,
    store: store.value,
    rounds,
    planner,
    observe: () => observeAll(desired, opened.drivers, config.concurrency, config.retry),
    plan: async (observed) =>
      (await planner(observed, false)).map((round) => round.planned).mapErr(fromState),
    closeDrivers,
    async close() {
      const closed = await closeDrivers();
      await store.value.close();
      return closed;
    },
  });
}
