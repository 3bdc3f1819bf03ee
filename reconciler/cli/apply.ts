// `quiesce apply`: run the plan; with --wait, keep reconciling until drains finish or --timeout.
import { applyOnce } from '../engine/apply-once.ts';
import { openEngine } from '../engine/open-engine.ts';
import { applyJson, applyText } from '../report/apply-report.ts';
import { createStyle } from '../report/style.ts';
import { applyArgs } from './apply-args.ts';
import { applyObserver } from './apply-observer.ts';
import type { OptionTable, ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { applyExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import {
  concurrencyOption,
  outputOption,
  pathArgument,
  sourceOptions,
  storeOptions,
} from './options.ts';
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

/** Runs apply; returns the exit code (precedence 1, then 4, then 3). */
export async function apply(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  const parsed = applyArgs(args, io, signal);
  if (parsed.isErr()) return usageError(io, 'apply', parsed.error);
  const { json, source, config, options } = parsed.value;
  // --retry-hook works on its pool alone: its lock only, so a watcher or apply on another pool is no obstacle.
  const engine = await openEngine(
    source,
    config,
    options.retryHook === null ? undefined : { pool: options.retryHook.pool },
  );
  if (engine.isErr()) return engineFailure(io, 'apply', engine.error, json ? 'json' : 'text');
  const style = createStyle(!json && colourFor(io.stdout, io.env));
  const observer = applyObserver(io, style, { json, wait: options.wait });
  const outcome = await applyOnce(engine.value, options, observer);
  observer.end();
  await engine.value.close();
  if (outcome.isErr()) return engineFailure(io, 'apply', outcome.error);
  const { result, lastPools, elapsedMs, now } = outcome.value;
  io.stdout.write(
    json
      ? applyJson(result, engine.value.revision)
      : applyText(result, { wait: options.wait, elapsedMs, lastPools, now }, style),
  );
  return applyExitCode(result);
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
