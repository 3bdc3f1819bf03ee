// `quiesce apply`: run the plan; with --wait, keep reconciling until drains finish or --timeout.
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import {
  concurrencyOption,
  outputOption,
  pathArgument,
  sourceOptions,
  storeOptions,
} from './options.ts';

/** Options `apply` takes. */
export const applyOptions = {
  ...sourceOptions,
  wait: { type: 'boolean', help: 'keep reconciling until every drain finishes' },
  timeout: {
    type: 'string',
    value: 'DURATION',
    help: 'give up waiting after this long; only with --wait',
    default: '2h',
    under: 'wait',
  },
  ...concurrencyOption,
  'lock-timeout': {
    type: 'string',
    value: 'DURATION',
    help: "wait this long for another apply's pool lock",
    default: '0',
  },
  ...outputOption(['text', 'json'], 'text for people, json for machines'),
  ...storeOptions,
  'retry-hook': {
    type: 'boolean',
    value: 'POOL SERVER',
    help: 'run a failed maintenance hook again (audited), then apply',
    ownLine: true,
  },
} satisfies OptionTable;

/** `quiesce apply` for main.ts's command list. */
export const applyCommand: Command = {
  name: 'apply',
  summary: 'run the plan; --wait until drains finish',
  positionals: [pathArgument],
  options: applyOptions,
  about: `Runs the plan: startup type first, then pause/resume/start, per server in
order, N servers at once (default 16). Every step is appended to the
audit log (<state-dir>/audit.jsonl, or the PostgreSQL store). With --wait, keeps reconciling and prints drain
progress until every draining service is Drained (default timeout 2h).
SIGINT/SIGTERM finish the step in flight; run apply again to continue.

A pool with spec.maintenance rolls its servers through drain, hook, return
(see docs/maintenance.md); apply waits for the hooks it starts.`,
  exitCodes: [
    [0, 'done'],
    [1, 'error'],
    [3, 'blocked by policy'],
    [4, '--wait timed out'],
  ],
  // Loaded on use: --version, help and the other commands never load what apply needs.
  run: async (args, io, signal) => (await import('./apply-run.ts')).apply(args, io, signal),
};
