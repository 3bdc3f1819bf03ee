// The store choice: --state postgres://… (or QUIESCE_STATE) for PostgreSQL, else the folder --state-dir.
import { err, ok, type Result } from 'neverthrow';
import { parseDuration } from '../duration.ts';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import type { ParsedArgs } from './args.ts';
import { stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import type { Io } from './io.ts';

/** The PostgreSQL URL from --state or QUIESCE_STATE, or null for the folder store. */
export function stateUrlOf(args: ParsedArgs, env: Io['env']): string | null {
  const url = typeof args.values.state === 'string' ? args.values.state : env.QUIESCE_STATE;
  return url === undefined || url === '' ? null : url;
}

/** Opens the chosen store; prints one line and returns err(1) when it cannot. */
export async function openStore(
  args: ParsedArgs,
  io: Io,
  command: string,
): Promise<Result<StateStore, number>> {
  const url = stateUrlOf(args, io.env);
  const locks = command === 'apply' || command === 'watch';
  const location = url === null ? { folder: stateDirOf(args) } : { url };
  const store = await openStateStore(location, { env: io.env, locks });
  if (store.isOk()) return ok(store.value);
  io.stderr.write(`quiesce ${command}: ${store.error.message}\n`);
  return err(ExitCode.error);
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
