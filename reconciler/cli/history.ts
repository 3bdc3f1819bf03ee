// `quiesce history`: who drained what, when, from which commit, and for how long (from the audit).

import type { AuditQuery, ChangeRecordQuery } from '../audit-record.ts';
import { parseDuration } from '../duration.ts';
import { history as historyOf } from '../engine/history.ts';
import { historyJson, historyText } from '../report/history-report.ts';
import { createStyle } from '../report/style.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { engineConfig } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { outputOption, storeOptions } from './options.ts';
import { usageError } from './usage-error.ts';

/** Options `history` takes. */
export const historyOptions = {
  pool: { type: 'string', value: 'P', help: 'only this pool' },
  server: { type: 'string', value: 'S', help: 'only this server' },
  since: { type: 'string', value: 'DURATION', help: 'only the last DURATION (24h, 7d)' },
  reason: {
    type: 'string',
    value: 'TEXT',
    help: "only records whose reason contains TEXT (the server's reason, maintenance id or commit subject)",
  },
  operator: {
    type: 'string',
    value: 'TEXT',
    help: 'only records whose operator (user@host pid command, job URL) contains TEXT',
  },
  ...outputOption(['text', 'json'], 'text for people, json for machines'),
  ...storeOptions,
} satisfies OptionTable;

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
  if (records.isErr()) return engineFailure(io, 'history', records.error);
  io.stdout.write(
    output.value === 'json'
      ? historyJson(records.value)
      : historyText(records.value, createStyle(colourFor(io.stdout, io.env)), config.now()),
  );
  return ExitCode.ok;
}

/** `quiesce history` for main.ts's command list. */
export const historyCommand: Command = {
  name: 'history',
  summary: 'who changed what, when, from which commit',
  positionals: [],
  options: historyOptions,
  about: `Who changed what, when, from which commit: the audit records of the state
store, oldest first: one line per record under a line per revision and
operator. Each record carries its reason (the server's reason, else the
maintenance id, else the commit subject) and its operator (user, host, pid,
command, CI job). A pause shows how long the service stayed out of
rotation (until its resume), or how long it has been out so far.`,
  exitCodes: [
    [0, 'ok'],
    [1, 'the store cannot be read'],
  ],
  run: history,
};
