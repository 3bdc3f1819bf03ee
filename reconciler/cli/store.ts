// The store for commands that open it without an engine (watch, serve), and the --lock-timeout option.
import { err, ok, type Result } from 'neverthrow';
import { parseDuration } from '../duration.ts';
import { openStore as openEngineStore } from '../engine/open-engine.ts';
import type { EngineError } from '../errors.ts';
import type { StateStore } from '../state/store.ts';
import type { ParsedArgs } from './args.ts';
import { engineConfig } from './engine.ts';
import type { Io } from './io.ts';

/** Opens the store --state / QUIESCE_STATE / --state-dir names for `command` (what went wrong stays typed). */
export function openStore(
  args: ParsedArgs,
  io: Io,
  command: string,
): Promise<Result<StateStore, EngineError>> {
  return openEngineStore(engineConfig(args, io, command));
}

/** --lock-timeout (default 0: fail at once naming the holder), or a usage message. */
export function lockTimeoutOf(args: ParsedArgs): Result<number, string> {
  const text = args.values['lock-timeout'];
  if (text === undefined || text === '0') return ok(0);
  const ms = typeof text === 'string' ? parseDuration(text) : null;
  return ms === null
    ? err(`--lock-timeout must be a duration such as 30s or 10m, or 0 (got '${String(text)}')`)
    : ok(ms);
}
