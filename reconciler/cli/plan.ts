// `quiesce plan`: what apply would do now, and why anything is blocked. Changes nothing.
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import {
  outputOption,
  pathArgument,
  readConcurrencyOption,
  sourceOptions,
  storeOptions,
} from './options.ts';

/** Options `plan` takes. */
export const planOptions = {
  ...sourceOptions,
  ...outputOption(
    ['text', 'json', 'markdown'],
    'text for people, json for machines, markdown for CI job summaries',
  ),
  'detailed-exitcode': {
    type: 'boolean',
    help: 'exit 2 when there are changes or maintenance round actions to run',
  },
  'from-store': {
    type: 'boolean',
    help: 'plan from the last observations in the state store (with their age and observer); no server is contacted',
  },
  ...readConcurrencyOption,
  ...storeOptions,
} satisfies OptionTable;

/** `quiesce plan` for main.ts's command list. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'show what apply would do, and what policy blocks',
  positionals: [pathArgument],
  options: planOptions,
  about: `Observes every server once and prints the steps apply would run, the changes
policy blocks (with the rule and which servers are out), pending services and
errors. Changes nothing.`,
  exitCodes: [
    [0, 'no changes'],
    [1, 'error'],
    [2, 'changes or round actions to run (only with --detailed-exitcode)'],
    [3, 'some change blocked by policy'],
  ],
  // Loaded on use: --version, help and the other commands never load what plan needs.
  run: async (args, io) => (await import('./plan-run.ts')).plan(args, io),
};
