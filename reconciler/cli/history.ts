// `quiesce history`: who drained what, when, from which commit, and for how long (from the audit).
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import { outputOption, storeOptions } from './options.ts';

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
  // Loaded on use: --version, help and the other commands never load what history needs.
  run: async (args, io) => (await import('./history-run.ts')).history(args, io),
};
