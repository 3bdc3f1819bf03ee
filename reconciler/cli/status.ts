// `quiesce status`: one line per server (or per service with --services), a summary per pool, at a glance.
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import {
  outputOption,
  pathArgument,
  readConcurrencyOption,
  sourceOptions,
  storeOptions,
} from './options.ts';

/** Options `status` takes. */
export const statusOptions = {
  ...sourceOptions,
  ...outputOption(['text', 'json'], 'text for people, json for machines'),
  services: { type: 'boolean', help: 'one row per service instead of one per server (text only)' },
  pool: { type: 'string', value: 'POOL', help: 'show only this pool' },
  server: { type: 'string', value: 'SERVER', help: 'show only this server' },
  ...readConcurrencyOption,
  ...storeOptions,
} satisfies OptionTable;

/** `quiesce status` for main.ts's command list. */
export const statusCommand: Command = {
  name: 'status',
  summary: "each service's desired mode, health, sessions, sync",
  positionals: [pathArgument],
  options: statusOptions,
  about: `One line per server: its mode, its state (the least settled of its services' health:
Stalled, Degraded, Unknown, Draining, Paused, Active, Drained; or why it could not be read),
open sessions and why it is blocked; then one summary line per pool. --services shows one
row per service instead (desired mode, health, sessions, status/startup type, sync).
--pool and --server narrow what is shown; a name that matches nothing exits 64 with the
closest name. JSON is always per service.`,
  exitCodes: [
    [0, 'ok'],
    [1, 'some server could not be read or invalid input'],
  ],
  // Loaded on use: --version, help and the other commands never load what status needs.
  run: async (args, io) => (await import('./status-run.ts')).status(args, io),
};
