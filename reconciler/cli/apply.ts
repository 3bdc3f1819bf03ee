// `quiesce apply`: run the plan; with --wait, keep reconciling until drains finish or --timeout.
import { describeActor } from '../actor.ts';
import { applyOnce } from '../engine/apply-once.ts';
import { openEngine } from '../engine/open-engine.ts';
import { applyJson, applyText } from '../report/apply-report.ts';
import { createStyle } from '../report/style.ts';
import { applyArgs } from './apply-args.ts';
import { applyObserver } from './apply-observer.ts';
import { applyViewWriter } from './apply-view-writer.ts';
import type { ParsedArgs } from './args.ts';
import { engineOptions } from './engine.ts';
import { applyExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

/** Options `apply` takes. */
export const applyOptions = {
  ...engineOptions,
  output: { type: 'string', short: 'o' },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  'lock-timeout': { type: 'string' },
  'retry-hook': { type: 'boolean' },
} as const;

/** Runs apply; returns the exit code (precedence 1, then 4, then 3). */
export async function apply(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  const parsed = applyArgs(args, io, signal);
  if (parsed.isErr()) return usageError(io, 'apply', parsed.error);
  const { json, source, config, options } = parsed.value;
  const engine = await openEngine(source, config);
  if (engine.isErr()) return engineFailure(io, 'apply', engine.error, json ? 'json' : 'text');
  const style = createStyle(!json && colourFor(io.stdout, io.env));
  const observer = applyObserver(io, style, { json, wait: options.wait });
  // Each pool as this run leaves it, for `quiesce serve` (a fleet applied only from CI shows too).
  const views = (runtime: Parameters<typeof applyViewWriter>[2]['runtime'], started: number) =>
    applyViewWriter(
      engine.value.store,
      describeActor(config.actor),
      { ...engine.value, source: source.describe, runtime, started },
      { clock: config.now, now: config.now },
      (message) => observer.warn(`${message} (the run goes on)`),
    );
  const outcome = await applyOnce(engine.value, { ...options, views }, observer);
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
