// apply's arguments checked and turned into the source, the EngineConfig and ApplyOptions (or a usage message).
import { err, ok, type Result } from 'neverthrow';
import { parseDuration } from '../duration.ts';
import type { ApplyOptions } from '../engine/apply-once.ts';
import type { EngineConfig } from '../engine/config.ts';
import type { DesiredSource } from '../loop/index.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { concurrencyOf } from './concurrency.ts';
import { engineConfig, sourceOf } from './engine.ts';
import type { Io } from './io.ts';
import { lockTimeoutOf } from './store.ts';

/** What apply runs with, once its arguments are checked. */
export interface ApplyArgs {
  json: boolean;
  source: DesiredSource;
  config: EngineConfig;
  options: ApplyOptions;
}

/** How long apply --wait waits when --timeout is not given. */
const DEFAULT_TIMEOUT_MS = 2 * 3_600_000;

/** Checks apply's arguments in the order the user reads them; the first problem is the usage message. */
export function applyArgs(
  args: ParsedArgs,
  io: Io,
  signal?: AbortSignal,
): Result<ApplyArgs, string> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return err(output.error);
  const timeoutText = args.values.timeout;
  if (timeoutText !== undefined && args.values.wait !== true)
    return err('--timeout only applies with --wait (add --wait, or drop --timeout)');
  const timeoutMs =
    typeof timeoutText === 'string' ? parseDuration(timeoutText) : DEFAULT_TIMEOUT_MS;
  if (timeoutMs === null)
    return err(`--timeout must be a duration such as 90s, 30m or 2h (got '${timeoutText}')`);
  const concurrency = concurrencyOf(args);
  if (concurrency.isErr()) return err(concurrency.error);
  // --retry-hook POOL SERVER [PATH]: the first two arguments name the failed hook.
  const hook = args.values['retry-hook'] === true ? args.positionals.slice(0, 2) : null;
  if (hook !== null && hook.length < 2)
    return err(
      '--retry-hook needs POOL and SERVER (quiesce apply --retry-hook POOL SERVER [PATH])',
    );
  const source = sourceOf(
    hook === null ? args : { ...args, positionals: args.positionals.slice(2) },
    io.env,
  );
  if (source.isErr()) return err(source.error);
  const lockTimeout = lockTimeoutOf(args);
  if (lockTimeout.isErr()) return err(lockTimeout.error);
  const options = {
    wait: args.values.wait === true,
    timeoutMs,
    lockTimeoutMs: lockTimeout.value,
    retryHook: hook === null ? null : { pool: hook[0] as string, server: hook[1] as string },
    ...(signal === undefined ? {} : { signal }),
  };
  return ok({
    json: output.value === 'json',
    source: source.value,
    config: engineConfig(args, io, 'apply', {
      concurrency: concurrency.value,
      ...(signal === undefined ? {} : { signal }),
    }),
    options,
  });
}
