// What `quiesce history` does; its descriptor (options, help) is history.ts, and main loads this file on use.
import type { AuditQuery, ChangeRecordQuery } from '../audit-record.ts';
import { parseDuration } from '../duration.ts';
import { history as historyOf } from '../engine/history.ts';
import { historyJson, historyText } from '../report/history-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { engineConfig } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

/** Prints the matching audit records; returns the exit code. */
export async function history(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return usageError(io, 'history', output.error);
  if (args.positionals.length > 0)
    return usageError(io, 'history', `takes no PATH (got '${args.positionals[0]}')`);
  const config = engineConfig(args, io, 'history');
  const query: AuditQuery = {};
  if (typeof args.values.pool === 'string') query.pool = args.values.pool;
  if (typeof args.values.server === 'string') query.server = args.values.server.toLowerCase();
  if (typeof args.values.since === 'string') {
    const ms = parseDuration(args.values.since);
    if (ms === null)
      return usageError(
        io,
        'history',
        `--since must be a duration such as 24h or 7d (got '${args.values.since}')`,
      );
    query.since = new Date(config.now() - ms).toISOString();
  }
  const change: ChangeRecordQuery = {};
  if (typeof args.values.reason === 'string') change.reason = args.values.reason;
  if (typeof args.values.operator === 'string') change.operator = args.values.operator;
  const records = await historyOf(config, query, change);
  if (records.isErr()) return engineFailure(io, 'history', records.error, output.value);
  io.stdout.write(
    output.value === 'json'
      ? historyJson(records.value)
      : historyText(records.value, createStyle(colourFor(io.stdout, io.env)), config.now()),
  );
  return ExitCode.ok;
}
