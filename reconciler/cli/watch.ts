// `quiesce watch`: reconcile on every file change, git commit and resync tick, until SIGTERM.
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import {
  concurrencyOption,
  listenOption,
  pathArgument,
  sourceOptions,
  storeOptions,
} from './options.ts';

/** Options `watch` takes. */
export const watchOptions = {
  ...sourceOptions,
  interval: {
    type: 'string',
    value: 'DURATION',
    help: 'resync period, jittered; each resync also fetches --git',
    default: '30s',
  },
  mode: {
    type: 'string',
    choices: ['apply', 'monitor'],
    help: 'apply changes, or monitor: only observe and report drift',
    default: 'apply',
  },
  ...concurrencyOption,
  ...listenOption(),
  ...storeOptions,
} satisfies OptionTable;

/** `quiesce watch` for main.ts's command list. */
export const watchCommand: Command = {
  name: 'watch',
  summary: 'reconcile on every change and every --interval',
  positionals: [pathArgument],
  options: watchOptions,
  about: `Reconciles whenever a file under PATH changes, on every --interval (default
30s, jittered; this also fetches --git), and at start. Every round re-reads
the desired state and observes every server from scratch. A revision that
fails validation is not applied: the last good one stays in force and
the status in the state store records why. --mode monitor observes and reports drift
but never changes anything. SIGTERM/SIGINT: finish the step in flight, write
status, exit 0.`,
  exitCodes: [
    [0, 'stopped by a signal'],
    [1, 'error (cannot listen; the state store cannot be opened or written)'],
  ],
  // Loaded on use: --version, help and the other commands never load what watch needs.
  run: async (args, io, signal) => (await import('./watch-run.ts')).watch(args, io, signal),
};
