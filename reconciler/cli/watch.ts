// `quiesce watch`: reconcile on every file change, git commit and resync tick, until SIGTERM.
import { acquireLock, auditLog } from '../apply/index.ts';
import { parseDuration } from '../duration.ts';
import {
  type LoopEvent,
  type LoopState,
  readStatus,
  watchLoop,
  writeStatus,
} from '../loop/index.ts';
import { fleetStatus } from '../plan/index.ts';
import { issuesText } from '../report/load-issues.ts';
import { planText, revisionLine } from '../report/plan-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { engineOptions, openDrivers, retryPolicy, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { clockOf, maintenanceRuntime } from './maintenance.ts';
import { progressReporter } from './progress.ts';
import { usageError } from './usage-error.ts';

/** Options `watch` takes. */
export const watchOptions = {
  ...engineOptions,
  interval: { type: 'string' },
  mode: { type: 'string' },
  concurrency: { type: 'string' },
} as const;

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
  const concurrencyText = String(args.values.concurrency ?? '16');
  if (!/^[0-9]+$/.test(concurrencyText) || Number(concurrencyText) < 1) {
    return usageError(
      io,
      'watch',
      `--concurrency must be a whole number >= 1 (got '${concurrencyText}')`,
    );
  }
  const source = sourceOf(args);
  if (source.isErr()) return usageError(io, 'watch', source.error);
  const stateDir = stateDirOf(args);
  const lock = acquireLock(stateDir, 'watch');
  if (lock.isErr()) {
    io.stderr.write(`quiesce watch: ${lock.error}\n`);
    return ExitCode.error;
  }

  const style = createStyle(colourFor(io.stdout, io.env));
  const progress = progressReporter({ write: (text: string) => io.stdout.write(text) });
  let lastPrinted = '';
  let lastRevision = '';
  const emit = (event: LoopEvent) => {
    if (event.kind === 'source') {
      const { read } = event;
      if (read.kind === 'unavailable')
        io.stdout.write(
          `${style.red('source unavailable')} ${read.error.kind}: ${read.error.message}; keeping the last good revision, retrying in ${Math.round(read.retryInMs / 1000)}s\n`,
        );
      else if (read.revision.id !== lastRevision) {
        lastRevision = read.revision.id;
        io.stdout.write(
          `${style.bold('revision')} ${revisionLine(read.revision)}${read.kind === 'invalid' ? ` ${style.red('is invalid; not applied')}` : ''}\n`,
        );
        if (read.kind === 'invalid')
          io.stdout.write(issuesText({ ok: false, issues: read.issues }, style));
      }
    } else if (event.kind === 'plan') {
      const { plan } = event;
      const key = JSON.stringify([plan.changes, plan.blocked, plan.errors]);
      if (
        (plan.changes.length > 0 || plan.blocked.length > 0 || plan.errors.length > 0) &&
        key !== lastPrinted
      )
        io.stdout.write(planText(plan, style));
      lastPrinted = key;
      progress.update(fleetStatus(event.desired, event.observed, Date.now()));
    } else if (event.kind === 'step' && event.entry.outcome === 'error') {
      io.stdout.write(
        `${style.red('✗')} ${event.entry.server} ${event.entry.service} ${event.entry.action}: ${event.entry.error?.message}\n`,
      );
    }
  };

  const previous = readStatus(stateDir);
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
    `quiesce watch: ${source.value.describe}, mode ${mode.value}, resync every ${intervalText}; state in ${stateDir}\n`,
  );
  // A state file that cannot be written (audit, status.json) stops watch with exit 1.
  const failed = new AbortController();
  let stateError: string | null = null;
  const fail = (message: string) => {
    stateError ??= message;
    failed.abort();
  };
  const stop = signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]);
  // Hooks stop with watch; with no end recorded they run again next time. Monitor mode only reads records.
  const rollouts = maintenanceRuntime(stateDir, io, stop);
  const now = clockOf(io.env);
  try {
    await watchLoop(
      {
        source: source.value,
        mode: mode.value,
        openDrivers: (desired) => openDrivers(desired, stateDir, io.env),
        audit: auditLog(stateDir, fail),
        writeStatus: (status) => writeStatus(stateDir, status).mapErr(fail),
        concurrency: Number(concurrencyText),
        retry: retryPolicy,
        now,
        rollouts,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        signal: stop,
        emit,
      },
      state,
      { intervalMs, random: Math.random, signal: stop },
    );
    await rollouts?.hooks.settled();
  } finally {
    lock.value.release();
  }
  if (stateError !== null) {
    io.stderr.write(`quiesce watch: ${stateError}\n`);
    return ExitCode.error;
  }
  io.stdout.write('quiesce watch: stopped; status written\n');
  return ExitCode.ok;
}
