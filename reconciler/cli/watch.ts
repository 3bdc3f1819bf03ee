// `quiesce watch`: reconcile on every file change, git commit and resync tick, until SIGTERM.
import { describeActor } from '../actor.ts';
import { KeptDrivers } from '../drivers/kept-drivers.ts';
import { parseDuration } from '../duration.ts';
import { auditSink } from '../engine/audit-sink.ts';
import { recordRound } from '../engine/record-round.ts';
import { type LoopEvent, type LoopState, watchLoop } from '../loop/index.ts';
import { createStyle } from '../report/style.ts';
import { watchEventPrinter } from '../report/watch-events.ts';
import { sleep } from '../sleep.ts';
import { acquireLock, type WatchStatus } from '../state/folder/index.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import { actorFor } from './ci-job.ts';
import type { Command } from './command.ts';
import { concurrencyOf } from './concurrency.ts';
import { driverWarning, openDrivers, retryPolicy, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { clockOf, maintenanceRuntime, watchPlanner } from './maintenance.ts';
import {
  concurrencyOption,
  listenOption,
  pathArgument,
  sourceOptions,
  storeOptions,
} from './options.ts';
import { ownedSource } from './owned-source.ts';
import { progressReporter } from './progress.ts';
import { openStore } from './store.ts';
import { listenConfigOf, startWatchSurfaces } from './surfaces.ts';
import { usageError } from './usage-error.ts';

/** Options `watch` takes. */
export const watchOptions = {
  ...sourceOptions,
  interval: {
    type: 'string',
    value: 'DURATION',
    help: 'resync period, jittered; each resync also fetches --git',
    default: '30s',
  },
  mode: {
    type: 'string',
    choices: ['apply', 'monitor'],
    help: 'apply changes, or monitor: only observe and report drift',
    default: 'apply',
  },
  ...concurrencyOption,
  ...listenOption(),
  ...storeOptions,
} satisfies OptionTable;

/** How often a watcher tries to take pools nobody owns (a dead watcher's pools move within this). */
const TAKEOVER_TICK_MS = 5_000;

/** Runs watch until the signal; returns 0 after a clean stop. */
export async function watch(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  const mode = oneOf('mode', args.values.mode, ['apply', 'monitor'] as const, 'apply');
  if (mode.isErr()) return usageError(io, 'watch', mode.error);
  const intervalText = String(args.values.interval ?? '30s');
  const intervalMs = parseDuration(intervalText);
  if (intervalMs === null)
    return usageError(
      io,
      'watch',
      `--interval must be a duration such as 10s or 1m (got '${intervalText}')`,
    );
  const concurrency = concurrencyOf(args);
  if (concurrency.isErr()) return usageError(io, 'watch', concurrency.error);
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'watch', source.error);
  const listen = listenConfigOf(args, io.env, null);
  if (listen.isErr()) return usageError(io, 'watch', listen.error);
  const stateDir = stateDirOf(args);
  const lock = acquireLock(stateDir, 'watch');
  if (lock.isErr()) {
    io.stderr.write(`quiesce watch: ${lock.error}\n`);
    return ExitCode.error;
  }
  const store = await openStore(args, io, 'watch');
  if (store.isErr()) {
    lock.value.release();
    return store.error;
  }
  const sink = auditSink(store.value);
  const actor = actorFor('watch', io.env);
  const session = await store.value.openWatcher(actor);
  if (session.isErr()) {
    io.stderr.write(`quiesce watch: ${session.error.message}\n`);
    await store.value.close();
    lock.value.release();
    return ExitCode.error;
  }
  const owned = ownedSource(source.value, session.value, store.value, actor, (message) =>
    io.stdout.write(`ownership: ${message}\n`),
  );
  const tick = setInterval(() => void owned.tick(), TAKEOVER_TICK_MS);

  const style = createStyle(colourFor(io.stdout, io.env));
  const progress = progressReporter({ write: (text: string) => io.stdout.write(text) });
  let surfaces: Awaited<ReturnType<typeof startWatchSurfaces>>;
  try {
    surfaces = await startWatchSurfaces(
      listen.value,
      io.env,
      stateDir,
      source.value.describe,
      (line) => io.stderr.write(`${line}\n`),
      store.value,
      describeActor(actor),
    );
  } catch (error) {
    lock.value.release();
    io.stderr.write(
      `quiesce watch: cannot listen on ${String(args.values.listen)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; choose another address or port\n`,
    );
    return ExitCode.error;
  }
  if (surfaces.url !== null) io.stdout.write(`quiesce watch: status page ${surfaces.url}\n`);
  const render = watchEventPrinter(style);
  const emit = (event: LoopEvent) => {
    surfaces.onEvent(event);
    const text = render(event);
    if (text !== '') io.stdout.write(text);
    if (event.kind === 'plan') progress.update(event.pools);
  };

  const read = await store.value.readStatus();
  const previous = read.isOk() ? (read.value as WatchStatus | null) : null;
  const state: LoopState = {
    lastGood: null,
    status: {
      formatVersion: 1,
      source: source.value.describe,
      mode: mode.value,
      lastAppliedRevision: previous?.lastAppliedRevision ?? null,
      lastAttemptedRevision: previous?.lastAttemptedRevision ?? null,
      conditions: [],
      pools: [],
      lastReconcile: null,
    },
  };
  io.stdout.write(
    `quiesce watch: ${source.value.describe}, mode ${mode.value}, resync every ${intervalText}; state in ${store.value.location}\n`,
  );
  const kept = new KeptDrivers();
  // A state file that cannot be written (audit, status.json) stops watch with exit 1.
  const failed = new AbortController();
  let stateError: string | null = null;
  const fail = (message: string) => {
    stateError ??= message;
    failed.abort();
  };
  const stop = signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]);
  // Hooks stop with watch; with no end recorded they run again next time. Monitor mode only reads records.
  const rollouts = maintenanceRuntime(store.value, stateDir, io, stop);
  const now = clockOf(io.env);
  try {
    await watchLoop(
      {
        source: owned.source,
        mode: mode.value,
        openDrivers: (desired) =>
          openDrivers(desired, stateDir, io.env, { warn: driverWarning(io), kept }),
        audit: async (entry) => {
          const written = await sink(entry);
          if (written.isErr()) fail(written.error.message);
        },
        fence: async (pool) => {
          if (await owned.fence(pool)) return true;
          io.stdout.write(`ownership: lost pool ${pool}; stopped stepping it\n`);
          return false;
        },
        observed: async (observed) => {
          const desired = owned.lastDesired();
          if (desired === null) return observed;
          const recorded = await recordRound(store.value, desired, observed, actor, Date.now());
          if (recorded.isOk()) return recorded.value;
          fail(recorded.error.message);
          return observed;
        },
        writeStatus: (status) =>
          void store.value.writeStatus(status).then((done) => done.mapErr((e) => fail(e.message))),
        concurrency: concurrency.value,
        retry: retryPolicy,
        now,
        rollouts,
        planner: watchPlanner(rollouts, now),
        sleep,
        signal: stop,
        emit,
      },
      state,
      { intervalMs, random: Math.random, signal: stop, wake: owned.wake },
    );
    await rollouts?.hooks.settled();
  } finally {
    clearInterval(tick);
    await kept.close();
    await owned.close();
    await session.value.close();
    await surfaces.close(); // its last pool views go to the store first
    await store.value.close();
    lock.value.release();
  }
  if (stateError !== null) {
    io.stderr.write(`quiesce watch: ${stateError}\n`);
    return ExitCode.error;
  }
  io.stdout.write('quiesce watch: stopped; status written\n');
  return ExitCode.ok;
}

/** `quiesce watch` for main.ts's command list. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'reconcile on every change and every --interval',
  positionals: [pathArgument],
  options: watchOptions,
  about: `Reconciles whenever a file under PATH changes, on every --interval (default
30s, jittered; this also fetches --git), and at start. Every round re-reads
the desired state and observes every server from scratch. A revision that
fails validation is not applied: the last good one stays in force and
the status in the state store records why. --mode monitor observes and reports drift
but never changes anything. SIGTERM/SIGINT: finish the step in flight, write
status, exit 0.`,
  exitCodes: [
    [0, 'stopped by a signal'],
    [1, 'error (cannot listen; the state store cannot be opened or written)'],
  ],
  run: watch,
};
