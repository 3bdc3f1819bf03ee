// applyOnce: run the plan under the pools' locks; with wait, keep reconciling until drains finish or time runs out.
import { err, ok, type Result } from 'neverthrow';
import { describeActor } from '../actor.ts';
import type { AuditEntry } from '../audit-record.ts';
import { formatDuration } from '../duration.ts';
import { type EngineError, fromState, stateError } from '../errors.ts';
// loop/converge.ts, not loop/index.ts: apply never loads the file watcher (chokidar).
import { type ConvergeResult, converge } from '../loop/converge.ts';
import type { Observations, ServerObservation } from '../model.ts';
import type { Change, Plan } from '../plan/index.ts';
import { sleep } from '../sleep.ts';
import { endedClean } from '../status/applied-revision.ts';
import { type PoolStatus, planFleetStatus } from '../status/index.ts';
import { auditSink } from './audit-sink.ts';
import { drainIntent } from './drain-intent.ts';
import { drainsAhead } from './drains-ahead.ts';
import { lockedObserve } from './locked-observe.ts';
import { watchNotifications } from './notifications.ts';
import { observeStepped, serverKey, withReadBacks } from './observe-stepped.ts';
import type { Engine } from './open-engine.ts';
import { poolFinisher } from './pool-finisher.ts';
import { lockPools } from './pool-locks.ts';
import { observationRecorder } from './record-observed.ts';
import { retryHook } from './retry-hook.ts';
import { applyViewWriter } from './view-writer.ts';

/** How apply runs. */
export interface ApplyOptions {
  /** Keep reconciling until drains finish or `timeoutMs` passes. */
  wait: boolean;
  timeoutMs: number;
  /** How long to wait for a pool's lock (0: fail at once naming the holder). */
  lockTimeoutMs: number;
  /** Clear this failed hook first (`--retry-hook POOL SERVER`). */
  retryHook: { pool: string; server: string } | null;
  /** Stops the run (SIGINT/SIGTERM) and the hooks it started. */
  signal?: AbortSignal;
}

/** A round's plan with its fleet status, as progress shows it. */
export interface ApplyProgress {
  plan: Plan;
  observed: Observations;
  /** Its fleet status (made when first asked: a run that prints JSON never needs it). */
  pools(): PoolStatus[];
  now: number;
}

/** What the CLI is told while apply runs (it prints; the engine never does). */
export interface ApplyObserver {
  /** The failed hook was cleared: what was done. */
  retried?(message: string): void;
  /** Each round's plan (the first one is what was decided). */
  plan?(round: ApplyProgress): void;
  /** A step ran. */
  step?(change: Change, outcome: 'ok' | 'error'): void;
  /** With wait: nothing moves until a closed window opens at `until` (before the timeout); apply sleeps till then. */
  waitingForWindow?(until: number, plan: Plan, now: number): void;
  /** What the operator should know that does not stop the run (a pool view not saved, a lock waited for): one line. */
  warn?(message: string): void;
}

/** How a run ended: the reconcile's result, the fleet as last seen, and how long it took. */
export interface ApplyOutcome {
  result: ConvergeResult;
  /** The run ended clean (status/applied-revision.ts): only then is its revision applied. */
  clean: boolean;
  /** The fleet status as the last plan left it (made when asked). */
  lastPools(): PoolStatus[];
  elapsedMs: number;
  /** When it ended, by the engine's clock. */
  now: number;
}

/** Snapshot saves in flight while the steps of a waiting apply run (the last ones, with no step left, go all at once). */
const BACKGROUND_SAVES = 2;

/** How often a waiting apply looks again. */
const POLL_MS = 500;

/**
 * Takes every pool's lock (or fails naming the holder), runs the plan (rounds included), records where things
 * stand, closes the drivers and releases the locks. A state record that cannot be written stops the run: steps
 * must not go unrecorded. Never prints, never exits.
 */
export async function applyOnce(
  engine: Engine,
  options: ApplyOptions,
  observer: ApplyObserver = {},
): Promise<Result<ApplyOutcome, EngineError>> {
  const { desired, revision, store, config } = engine;
  const pools = desired.pools.filter((p) => !p.suspend).map((p) => p.name);
  const started = config.now();
  const ahead = drainsAhead(store);
  const lock = (taken?: (pool: string) => void) =>
    lockPools(store, pools, config.actor, revision.id, options.lockTimeoutMs, {
      taken:
        taken &&
        ((pool) => {
          taken(pool);
          ahead.read(pool);
        }),
      waiting: (held, upToMs) =>
        observer.warn?.(
          `${held.message.replace(/; wait for it.*$/, '')}; waiting up to ${formatDuration(upToMs)} (--lock-timeout)`,
        ),
    });
  // Without a lock timeout (the default), each pool is observed as soon as its lock is held, while the next
  // ones are taken; a run that may wait for a lock takes them all first (a wait would age what it observed).
  const { locks, observed: first } =
    options.lockTimeoutMs === 0
      ? await lockedObserve(engine, lock)
      : { locks: await lock(), observed: undefined };
  if (locks.isErr()) return err(fromState(locks.error));
  const failed = new AbortController();
  let stopped: EngineError | null = null;
  const fail = (error: EngineError) => {
    stopped ??= error;
    failed.abort();
  };
  // The same events as watch sends, deduplicated through the store's memory (a watcher and CI never repeat one).
  const notifications = await watchNotifications({
    store,
    env: config.env,
    source: engine.source,
    onFailure: (spec) => observer.warn?.(`notification ${spec.name}: a delivery failed`),
    warn: (line) => observer.warn?.(line.replace(/^quiesce apply: /, '')),
    now: config.now,
    command: 'apply',
  });
  notifications.follow(desired);
  const recorder = observationRecorder(ahead.store, desired, config.actor);
  let finisher: ReturnType<typeof poolFinisher> | null = null;
  try {
    const sink = auditSink(store, desired, config.actor);
    const audit = async (entry: AuditEntry) => {
      const written = await sink(entry);
      if (written.isErr()) fail(fromState(written.error));
    };
    // Each pool as this run leaves it, for `quiesce serve` (a fleet applied only from CI shows too).
    const views = applyViewWriter(
      store,
      describeActor(config.actor),
      { desired, revision, source: engine.source, runtime: engine.rounds, started },
      { clock: config.now, now: config.now },
      (message) => observer.warn?.(`${message} (the run goes on)`),
      (view) => notifications.notify(view),
    );
    if (options.retryHook !== null) {
      const { pool, server } = options.retryHook;
      const cleared = await retryHook(
        { desired, records: engine.rounds.records, revision, now: config.now, audit },
        pool,
        server,
      );
      if (cleared.isErr()) return err(cleared.error);
      observer.retried?.(cleared.value);
    }
    let steps = 0;
    let failedSteps = 0;
    let lastPools = (): PoolStatus[] => [];
    let lastObserved: Observations = new Map();
    /** Servers stepped since the last plan's observations (those are fresh for every other server). */
    let stepped = new Set<string>();
    /** Of those, the servers whose read-back after their last step (sessions included) is where they are. */
    let left = new Map<string, { pool: string; server: string; seen: ServerObservation }>();
    /** Where a single pass leaves the pools it finished while others stepped (recorded). */
    const finishedObserved: Observations = new Map();
    // A single pass records and saves each pool once its steps are done, while the other pools step: the
    // snapshots of 500 pools no longer wait for the last step (a waiting apply saves each round instead).
    finisher = options.wait
      ? null
      : poolFinisher(pools, async (done) => {
          const fresh: Observations = new Map();
          for (const { pool, stepped } of done) {
            const seen = lastObserved.get(pool);
            if (seen === undefined) continue;
            if (!stepped) finishedObserved.set(pool, seen);
            else
              fresh.set(
                pool,
                new Map([...seen].map(([server, at]) => [server, leftOf(pool, server) ?? at])),
              );
          }
          if (fresh.size > 0) {
            const recorded = await recorder.record(fresh, config.now());
            if (recorded.isErr()) return fail(fromState(recorded.error));
            for (const [pool, seen] of recorded.value) finishedObserved.set(pool, seen);
          }
          const names = done.map(({ pool }) => pool);
          const saved = await recorder.save(BACKGROUND_SAVES, undefined, names);
          if (saved.isErr()) fail(fromState(saved.error));
        });
    const leftOf = (pool: string, server: string) => left.get(serverKey(pool, server))?.seen;
    const record = async (observed: Observations) => {
      // Pools finished before are recorded first: what is recorded now is newer.
      await finisher?.settled();
      const recorded = await recorder.record(observed, config.now());
      ahead.drop();
      if (recorded.isErr()) {
        fail(fromState(recorded.error));
        return observed;
      }
      // A single pass saves each pool's snapshot once, where it ends (nothing it plans reads them). A waiting
      // apply saves each round's while it goes on, so status follows it: a failed save stops its next step.
      if (options.wait)
        void recorder.save(BACKGROUND_SAVES).then((saved) => {
          if (saved.isErr()) fail(fromState(saved.error));
        });
      return recorded.value;
    };
    const signal = options.signal;
    const result = await converge({
      desired,
      drivers: engine.drivers,
      concurrency: config.concurrency,
      retry: config.retry,
      audit,
      intend: drainIntent(store, (error) => fail(fromState(error))),
      fence: async (pool) => {
        if (await locks.value.alive(pool)) return true;
        fail(
          fromState(
            stateError('LockLost', `lost the lock for pool ${pool}; stopped before its next step`),
          ),
        );
        return false;
      },
      first: first ?? undefined,
      observed: record,
      plan: engine.planner,
      rollouts: engine.rounds,
      awaitHooks: true,
      revision,
      now: config.now,
      sleep,
      wait: options.wait,
      timeoutMs: options.timeoutMs,
      pollMs: POLL_MS,
      signal: signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]),
      onPlan: (plan, observed) => {
        const now = config.now();
        let pools: PoolStatus[] | null = null;
        lastPools = () => {
          pools ??= planFleetStatus(desired, plan, observed, now);
          return pools;
        };
        lastObserved = observed;
        stepped = new Set();
        left = new Map();
        finishedObserved.clear();
        finisher?.planned(plan);
        observer.plan?.({ plan, observed, pools: lastPools, now });
        if (options.wait)
          views.reconcile({ observed, lastPlan: plan, executed: steps, failed: failedSteps });
      },
      onServerObserved: (pool, server, seen) => {
        if (!seen.ok) return;
        left.set(serverKey(pool, server), { pool, server, seen });
        finisher?.back(pool, server);
      },
      onWaitForWindow: (until, plan) => observer.waitingForWindow?.(until, plan, config.now()),
      onStep: (change, outcome) => {
        stepped.add(serverKey(change.pool, change.server));
        left.delete(serverKey(change.pool, change.server));
        steps++;
        if (outcome !== 'ok') failedSteps++;
        observer.step?.(change, outcome);
      },
    });
    await finisher?.settled();
    if (result.executed > 0 && stopped === null) {
      // Leave the store where things stand after the steps (plan --from-store reads it): a server stepped
      // has its read-back after its last step, or else is observed again; the others were observed at the
      // start of the pass. Pools finished while others stepped are recorded already.
      const open = (pool: string) => !finisher?.finished.has(pool);
      const again = new Set([...stepped].filter((key) => !left.has(key)));
      const recorded = await record(
        await observeStepped(
          engine,
          desired,
          withReadBacks(
            new Map([...lastObserved].filter(([pool]) => open(pool))),
            new Map([...left].filter(([, back]) => open(back.pool))),
          ),
          again,
          config.concurrency,
          config.retry,
        ),
      );
      lastObserved = new Map(
        [...lastObserved].map(([pool, seen]) => [
          pool,
          finishedObserved.get(pool) ?? recorded.get(pool) ?? seen,
        ]),
      );
    }
    // The snapshots are saved while the last view is made; the view is written only once they are.
    const snapshots = stopped === null ? recorder.save() : null;
    if (stopped === null && result.stateError === undefined) {
      // The last view is planned afresh (engine/views.ts) from where the run left things.
      const saved = await views.final(
        {
          observed: lastObserved,
          lastPlan: result.lastPlan,
          executed: result.executed,
          failed: result.failures.length,
          interrupted: result.interrupted,
        },
        (snapshots ?? Promise.resolve(ok(undefined))).then((done) => done.isOk()),
      );
      if (saved.isErr()) observer.warn?.(`${saved.error} (the steps are done)`);
    }
    const kept = await snapshots;
    if (kept?.isErr()) fail(fromState(kept.error));
    await views.settled();
    const closed = await engine.closeDrivers();
    if (closed.isErr()) fail(closed.error);
    if (stopped === null && result.stateError !== undefined) stopped = fromState(result.stateError);
    if (stopped !== null) return err(stopped);
    const now = config.now();
    const clean = endedClean({
      failed: result.failures.length,
      cut: result.interrupted,
      plan: result.lastPlan,
    });
    return ok({ result, clean, lastPools, elapsedMs: now - started, now });
  } finally {
    await finisher?.settled();
    // A run stopped early keeps what it observed, as far as its locks are still held (none lands after them).
    await recorder.save(Number.POSITIVE_INFINITY, (pool) => locks.value.alive(pool));
    await notifications.close();
    await engine.closeDrivers();
    await locks.value.release();
  }
}
