// What `quiesce apply` does; its descriptor (options, help) is apply.ts, and main loads this file on use.
import { applyOnce } from '../engine/apply-once.ts';
import { openEngine } from '../engine/open-engine.ts';
import { applyJson, applyText } from '../report/apply-report.ts';
import { createStyle } from '../report/style.ts';
import { applyArgs } from './apply-args.ts';
import { applyObserver } from './apply-observer.ts';
import type { ParsedArgs } from './args.ts';
import { applyExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

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
  if (outcome.isErr()) return engineFailure(io, 'apply', outcome.error, json ? 'json' : 'text');
  const { result, lastPools, elapsedMs, now } = outcome.value;
  io.stdout.write(
    json
      ? applyJson(result, engine.value.revision)
      : applyText(result, { wait: options.wait, elapsedMs, lastPools: lastPools(), now }, style),
  );
  return applyExitCode(result);
}
