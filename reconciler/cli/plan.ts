// `quiesce plan`: what apply would do now, and why anything is blocked. Changes nothing.
import { openEngine } from '../engine/open-engine.ts';
import { planOnce } from '../engine/plan-once.ts';
import { planJson, planMarkdown, planText } from '../report/plan-report.ts';
import { createStyle } from '../report/style.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { concurrencyOf } from './concurrency.ts';
import { engineConfig, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import {
  outputOption,
  pathArgument,
  readConcurrencyOption,
  sourceOptions,
  storeOptions,
} from './options.ts';
import { usageError } from './usage-error.ts';

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

/** Runs plan; returns the exit code. */
export async function plan(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json', 'markdown'] as const, 'text');
  if (output.isErr()) return usageError(io, 'plan', output.error);
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'plan', source.error);
  const concurrency = concurrencyOf(args);
  if (concurrency.isErr()) return usageError(io, 'plan', concurrency.error);
  const engine = await openEngine(
    source.value,
    engineConfig(args, io, 'plan', { concurrency: concurrency.value }),
  );
  if (engine.isErr()) return engineFailure(io, 'plan', engine.error, output.value);
  const planned = await planOnce(engine.value, { fromStore: args.values['from-store'] === true });
  await engine.value.close();
  if (planned.isErr()) return engineFailure(io, 'plan', planned.error);
  const { notes } = planned.value;
  // With --from-store, notes say how old the store's observations are (on stderr beside JSON).
  if (notes !== null)
    (output.value === 'json' ? io.stderr : io.stdout).write(
      `Observations from the state store:\n${notes.map((n) => `  ${n}\n`).join('')}\n`,
    );
  const result = planned.value.planned.plan;
  const render = {
    text: () => planText(result, createStyle(colourFor(io.stdout, io.env))),
    json: () => planJson(result),
    markdown: () => planMarkdown(result),
  };
  io.stdout.write(render[output.value]());
  if (result.errors.length > 0) return ExitCode.error;
  if (result.blocked.length > 0) return ExitCode.blocked;
  // A round action pending (a drain to start, a hook to run) is work for apply, as a service step is.
  const pending = result.summary.changes + result.summary.roundActions;
  if (args.values['detailed-exitcode'] === true && pending > 0) return ExitCode.changes;
  return ExitCode.ok;
}

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
  run: plan,
};
