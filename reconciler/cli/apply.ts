// `quiesce apply`: run the plan; with --wait, keep reconciling until drains finish or --timeout.

import { describeActor } from '../actor.ts';
import { observeAll } from '../apply/index.ts';
import type { AuditEntry } from '../audit-record.ts';
import { parseDuration } from '../duration.ts';
import { applyViewWriter } from '../engine/view-writer.ts';
import { converge } from '../loop/index.ts';
import type { Observations } from '../model.ts';
import { applyJson, applyText, failedStepLine } from '../report/apply-report.ts';
import { rolloutsJson } from '../report/phase-text.ts';
import { planText } from '../report/plan-report.ts';
import { createStyle } from '../report/style.ts';
import { sleep } from '../sleep.ts';
import { type PoolStatus, planFleetStatus } from '../status/index.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import { auditSink } from './audit-sink.ts';
import { actorFor } from './ci-job.ts';
import type { Command } from './command.ts';
import { concurrencyOf } from './concurrency.ts';
import { openEngine, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { clockOf, maintenanceRuntime, retryHook } from './maintenance.ts';
import {
  concurrencyOption,
  outputOption,
  pathArgument,
  sourceOptions,
  storeOptions,
} from './options.ts';
import { lockPools } from './pool-locks.ts';
import { progressReporter } from './progress.ts';
import { recordRound } from './record-round.ts';
import { lockTimeoutOf, openStore } from './store.ts';
import { usageError } from './usage-error.ts';

/** Options `apply` takes. */
export const applyOptions = {
  ...sourceOptions,
  wait: { type: 'boolean', help: 'keep reconciling until every drain finishes' },
  timeout: {
    type: 'string',
    value: 'DURATION',
    help: 'give up waiting after this long; only with --wait',
    default: '2h',
    under: 'wait',
  },
  ...concurrencyOption,
  'lock-timeout': {
    type: 'string',
    value: 'DURATION',
    help: "wait this long for another apply's pool lock",
    default: '0',
  },
  ...outputOption(['text', 'json'], 'text for people, json for machines'),
  ...storeOptions,
  'retry-hook': {
    type: 'boolean',
    value: 'POOL SERVER',
    help: 'run a failed maintenance hook again (audited), then apply',
    ownLine: true,
  },
} satisfies OptionTable;

/** Closes the drivers, which saves the world; a failure to save is reported through `fail`, never thrown. */
async function closeEngine(engine: { close(): Promise<void> }, fail: (message: string) => void) {
  try {
    await engine.close();
  } catch (error) {
    fail(`cannot save the world: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs apply; returns the exit code (precedence 1, then 4, then 3). */
export async function apply(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return usageError(io, 'apply', output.error);
  const timeoutText = args.values.timeout;
  if (timeoutText !== undefined && args.values.wait !== true)
    return usageError(
      io,
      'apply',
      '--timeout only applies with --wait (add --wait, or drop --timeout)',
    );
  const timeoutMs = typeof timeoutText === 'string' ? parseDuration(timeoutText) : 2 * 3_600_000;
  if (timeoutMs === null)
    return usageError(
      io,
      'apply',
      `--timeout must be a duration such as 90s, 30m or 2h (got '${timeoutText}')`,
    );
  const concurrency = concurrencyOf(args);
  if (concurrency.isErr()) return usageError(io, 'apply', concurrency.error);
  // --retry-hook POOL SERVER [PATH]: the first two arguments name the failed hook.
  const hookTarget = args.values['retry-hook'] === true ? args.positionals.slice(0, 2) : null;
  if (hookTarget !== null && hookTarget.length < 2)
    return usageError(
      io,
      'apply',
      '--retry-hook needs POOL and SERVER (quiesce apply --retry-hook POOL SERVER [PATH])',
    );
  const source = sourceOf(
    hookTarget === null ? args : { ...args, positionals: args.positionals.slice(2) },
    io.env,
  );
  if (source.isErr()) return usageError(io, 'apply', source.error);
  const lockTimeout = lockTimeoutOf(args);
  if (lockTimeout.isErr()) return usageError(io, 'apply', lockTimeout.error);
  const wait = args.values.wait === true;
  const stateDir = stateDirOf(args);

  const engine = await openEngine(source.value, stateDir, io, output.value);
  if (engine.isErr()) return engine.error;
  const store = await openStore(args, io, 'apply');
  if (store.isErr()) {
    await engine.value.close();
    return store.error;
  }
  const actor = actorFor('apply', io.env);
  const pools = engine.value.desired.pools.filter((p) => !p.suspend).map((p) => p.name);
  const locks = await lockPools(
    store.value,
    pools,
    actor,
    engine.value.revision.id,
    lockTimeout.value,
  );
  if (locks.isErr()) {
    io.stderr.write(`quiesce apply: ${locks.error.message}\n`);
    await engine.value.close();
    await store.value.close();
    return ExitCode.error;
  }
  const json = output.value === 'json';
  const style = createStyle(!json && colourFor(io.stdout, io.env));
  const progress = progressReporter(json ? { write: () => true } : io.stdout);
  const started = Date.now();
  let printedPlan = false;
  // A state file that cannot be written (audit, world) stops the run: steps must not go unrecorded.
  const failed = new AbortController();
  let stateError: string | null = null;
  const fail = (message: string) => {
    stateError ??= message;
    failed.abort();
  };
  let closed = false;
  let lastPools: PoolStatus[] = [];
  let lastObserved: Observations = new Map();
  try {
    const { desired, drivers, retry, revision } = engine.value;
    const sink = auditSink(store.value);
    const audit = async (entry: AuditEntry) => {
      const written = await sink(entry);
      if (written.isErr()) fail(written.error.message);
    };
    const rollouts = maintenanceRuntime(store.value, stateDir, io, signal);
    // Each pool as this run leaves it, for `quiesce serve` (a fleet applied only from CI shows too).
    const views = applyViewWriter(
      store.value,
      describeActor(actor),
      { desired, revision, source: source.value.describe, runtime: rollouts, started },
      { clock: Date.now, now: clockOf(io.env) },
      (message) => io.stderr.write(`quiesce apply: ${message} (the run goes on)\n`),
    );
    let steps = 0;
    let failedSteps = 0;
    if (hookTarget !== null) {
      const [pool, server] = hookTarget as [string, string];
      const cleared = await retryHook(desired, rollouts.records, pool, server, revision, audit);
      if (cleared.isErr()) {
        io.stderr.write(`quiesce apply: ${cleared.error}
`);
        return ExitCode.error;
      }
      if (!json)
        io.stdout.write(`${cleared.value}
`);
    }
    const result = await converge({
      desired,
      drivers,
      concurrency: concurrency.value,
      retry,
      audit,
      fence: async (pool) => {
        if (await locks.value.alive(pool)) return true;
        fail(`lost the lock for pool ${pool}; stopped before its next step`);
        return false;
      },
      observed: async (observed) => {
        const recorded = await recordRound(store.value, desired, observed, actor, Date.now());
        if (recorded.isOk()) return recorded.value;
        fail(recorded.error.message);
        return observed;
      },
      rollouts,
      awaitHooks: true,
      revision,
      now: clockOf(io.env),
      sleep,
      wait,
      timeoutMs,
      pollMs: 500,
      signal: signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]),
      onPlan: (plan, observed) => {
        if (!printedPlan && !json) io.stdout.write(planText(plan, style));
        printedPlan = true;
        lastPools = planFleetStatus(desired, plan, observed, Date.now());
        lastObserved = observed;
        if (wait) {
          progress.update(lastPools, Date.now(), {
            rollouts: rolloutsJson(plan.rollouts),
            now: clockOf(io.env)(),
          });
          views.reconcile({ observed, lastPlan: plan, executed: steps, failed: failedSteps });
        }
      },
      onStep: (change, outcome) => {
        steps++;
        if (outcome !== 'ok') failedSteps++;
        if (!json && outcome !== 'ok') io.stdout.write(failedStepLine(change, style));
      },
    });
    if (result.executed > 0 && stateError === null) {
      // Leave the store where things stand after the steps (plan --from-store reads it).
      const after = await observeAll(desired, drivers, concurrency.value, retry);
      const recorded = await recordRound(store.value, desired, after, actor, Date.now());
      if (recorded.isErr()) fail(recorded.error.message);
      else lastObserved = recorded.value;
    }
    if (stateError === null && result.stateError === undefined) {
      const saved = await views.final({
        observed: lastObserved,
        lastPlan: result.lastPlan,
        executed: result.executed,
        failed: result.failures.length,
        interrupted: result.interrupted,
      });
      if (saved.isErr()) io.stderr.write(`quiesce apply: ${saved.error} (the steps are done)\n`);
    }
    await views.settled();
    progress.end();
    closed = true;
    await closeEngine(engine.value, fail);
    stateError ??= result.stateError ?? null;
    if (stateError !== null) {
      io.stderr.write(`quiesce apply: ${stateError}\n`);
      return ExitCode.error;
    }
    const last = result.lastPlan;
    const now = Date.now();
    io.stdout.write(
      json
        ? applyJson(result, revision)
        : applyText(result, { wait, elapsedMs: now - started, lastPools, now }, style),
    );
    if (result.interrupted || result.failures.length > 0 || last.errors.length > 0)
      return ExitCode.error;
    if (result.timedOut) return ExitCode.timedOut;
    // The state at the end decides: a change the first plan blocked but a later round ran is done.
    if (last.blocked.length > 0) return ExitCode.blocked;
    return ExitCode.ok;
  } finally {
    if (!closed) await closeEngine(engine.value, () => {});
    await locks.value.release();
    await store.value.close();
  }
}

/** `quiesce apply` for main.ts's command list. */
export const applyCommand: Command = {
  name: 'apply',
  summary: 'run the plan; --wait until drains finish',
  positionals: [pathArgument],
  options: applyOptions,
  about: `Runs the plan: startup type first, then pause/resume/start, per server in
order, N servers at once (default 16). Every step is appended to the
audit log (<state-dir>/audit.jsonl, or the PostgreSQL store). With --wait, keeps reconciling and prints drain
progress until every draining service is Drained (default timeout 2h).
SIGINT/SIGTERM finish the step in flight; run apply again to continue.

A pool with spec.maintenance rolls its servers through drain, hook, return
(see docs/maintenance.md); apply waits for the hooks it starts.`,
  exitCodes: [
    [0, 'done'],
    [1, 'error'],
    [3, 'blocked by policy'],
    [4, '--wait timed out'],
  ],
  run: apply,
};
