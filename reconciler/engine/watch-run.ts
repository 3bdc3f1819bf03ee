// The watch operation: guard, watcher session, owned pools, surfaces, then the loop until the signal,
// wired to the store (audit, fence, recorded observations, status). Prints nothing; progress goes to an observer.
import { err, ok, type Result } from 'neverthrow';
import { type Actor, describeActor } from '../actor.ts';
import type { RetryPolicy } from '../apply/index.ts';
import type { RoundRuntime } from '../apply/round-runtime.ts';
import type { Driver } from '../drivers/driver.ts';
import type { StateError } from '../errors.ts';
import type { DesiredSource, LoopEvent, LoopState } from '../loop/index.ts';
import { watchLoop } from '../loop/index.ts';
import type { DesiredState, Observations } from '../model.ts';
import { sleep } from '../sleep.ts';
import type { StateStore } from '../state/store.ts';
import { changeRecord } from './audit-sink.ts';
import { drainIntent } from './drain-intent.ts';
import { ownedSource } from './ownership.ts';
import { roundPlanner } from './plan-inputs.ts';
import type { WatchError } from './watch-errors.ts';
import { type ListenConfig, startWatchSurfaces } from './watch-surfaces.ts';

/** How often a watcher tries to take pools nobody owns (a dead watcher's pools move within this). */
export const TAKEOVER_TICK_MS = 5_000;

/** Everything a watch runs with, built once by the CLI. */
export interface WatchConfig {
  source: DesiredSource;
  mode: 'apply' | 'monitor';
  /** The resync interval. */
  intervalMs: number;
  concurrency: number;
  retry: RetryPolicy;
  /** The one clock of the run. */
  now: () => number;
  actor: Actor;
  listen: ListenConfig | null;
  /** Where notification URLs are read. */
  env: Readonly<Record<string, string | undefined>>;
  /** Opens a revision's drivers (kept across reconciles); `close` ends every kept one at exit. */
  drivers: {
    open(desired: DesiredState): { drivers: Map<string, Driver>; close(): Promise<void> };
    close(): Promise<void>;
  };
  /** Maintenance rounds' runtime; hooks stop with `signal` (with no end recorded they run again next time). */
  rollouts(signal: AbortSignal): RoundRuntime;
  /** Records a reconcile's observations in the store (drain records, snapshots) and fills in drain starts. */
  recordObserved(
    desired: DesiredState,
    observed: Observations,
    actor: Actor,
    now: number,
  ): Promise<Result<Observations, StateError>>;
  /** The takeover tick; TAKEOVER_TICK_MS unless a test says otherwise. */
  takeoverTickMs?: number;
}

/** Where watch's progress goes (the CLI renders it). */
export interface WatchObserver {
  /** The surfaces are up: the page's address (null without --listen), where the state lives. */
  started(info: { url: string | null; location: string }): void;
  /** Each loop event (source read, plan, step, status). */
  event(event: LoopEvent): void;
  /** An ownership change or problem (`lost pool p1; stopped stepping it`). */
  ownership(message: string): void;
  /** A line about a surface (pool views, notification memory) that does not stop watch. */
  warn(line: string): void;
}

/** The loop's starting state: the revisions the store's last status document names. */
async function startingState(store: StateStore, config: WatchConfig): Promise<LoopState> {
  const read = await store.readStatus();
  const previous = read.isOk() ? read.value : null;
  return {
    lastGood: null,
    status: {
      formatVersion: 1,
      source: config.source.describe,
      mode: config.mode,
      lastAppliedRevision: previous?.lastAppliedRevision ?? null,
      lastAttemptedRevision: previous?.lastAttemptedRevision ?? null,
      conditions: [],
      pools: [],
      lastReconcile: null,
    },
  };
}

/** Runs watch on `store` until `signal`; ok after a clean stop. The store stays open: the caller closes it. */
export async function runWatch(
  store: StateStore,
  config: WatchConfig,
  observer: WatchObserver,
  signal?: AbortSignal,
): Promise<Result<void, WatchError>> {
  const { actor, now } = config;
  const guard = await store.guardWatcher(actor);
  if (guard.isErr()) return err({ kind: 'Guard', error: guard.error });
  const session = await store.openWatcher(actor);
  if (session.isErr()) {
    await guard.value.release();
    return err({ kind: 'Session', error: session.error });
  }
  const owned = ownedSource(config.source, session.value, store, actor, observer.ownership);
  const tick = setInterval(() => void owned.tick(), config.takeoverTickMs ?? TAKEOVER_TICK_MS);
  const stopOwning = async () => {
    clearInterval(tick);
    await owned.close();
    await session.value.close();
    await guard.value.release();
  };
  let surfaces: Awaited<ReturnType<typeof startWatchSurfaces>>;
  try {
    surfaces = await startWatchSurfaces({
      listen: config.listen,
      store,
      env: config.env,
      source: config.source.describe,
      by: describeActor(actor),
      warn: observer.warn,
      now,
    });
  } catch (error) {
    await stopOwning();
    return err({ kind: 'Listen', code: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  observer.started({ url: surfaces.url, location: store.location });
  const state = await startingState(store, config);
  // A store that cannot record (audit, status, observations) stops watch: steps must not go unrecorded.
  const failed = new AbortController();
  let stateError: StateError | null = null;
  const fail = (error: StateError) => {
    stateError ??= error;
    failed.abort();
  };
  const stop = signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]);
  const rollouts = config.rollouts(stop);
  try {
    await watchLoop(
      {
        source: owned.source,
        mode: config.mode,
        openDrivers: config.drivers.open,
        audit: async (entry) => {
          const written = await store.recordStep(changeRecord(entry, owned.lastDesired(), actor));
          if (written.isErr()) fail(written.error);
        },
        intend: drainIntent(store, fail),
        fence: async (pool) => {
          if (await owned.fence(pool)) return true;
          observer.ownership(`lost pool ${pool}; stopped stepping it`);
          return false;
        },
        observed: async (observed) => {
          const desired = owned.lastDesired();
          if (desired === null) return observed;
          const recorded = await config.recordObserved(desired, observed, actor, now());
          if (recorded.isOk()) return recorded.value;
          fail(recorded.error);
          return observed;
        },
        writeStatus: (status) => void store.writeStatus(status).then((done) => done.mapErr(fail)),
        concurrency: config.concurrency,
        retry: config.retry,
        now,
        rollouts,
        // Each revision's reconciles are planned by the one plan-inputs assembly.
        planner: (desired, revision) => roundPlanner({ desired, revision, now, runtime: rollouts }),
        sleep,
        signal: stop,
        emit: (event) => {
          surfaces.onEvent(event);
          observer.event(event);
        },
      },
      state,
      { intervalMs: config.intervalMs, random: Math.random, signal: stop, wake: owned.wake },
    );
    await rollouts.hooks.settled();
  } finally {
    clearInterval(tick);
    await config.drivers.close();
    await owned.close();
    await session.value.close();
    await surfaces.close(); // its last pool views go to the store first
    await guard.value.release();
  }
  return stateError === null ? ok(undefined) : err({ kind: 'State', error: stateError });
}
