// `quiesce plan`: what apply would do now, and why anything is blocked. Changes nothing.
import { planJson, planMarkdown, planText } from '../report/plan-report.ts';
import { createStyle } from '../report/style.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { observeOnce, openEngine, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { observedFromStore } from './from-store.ts';
import { colourFor, type Io } from './io.ts';
import { plannedOrExit } from './maintenance.ts';
import { outputOption, pathArgument, sourceOptions, storeOptions } from './options.ts';
import { openStore } from './store.ts';
import { usageError } from './usage-error.ts';

/** Options `plan` takes. */
export const planOptions = {
  ...sourceOptions,
  ...outputOption(
    ['text', 'json', 'markdown'],
    'text for people, json for machines, markdown for CI job summaries',
  ),
  'detailed-exitcode': { type: 'boolean', help: 'exit 2 when there are changes' },
  'from-store': {
    type: 'boolean',
    help: 'plan from the last observations in the state store (with their age and observer); no server is contacted',
  },
  ...storeOptions,
} satisfies OptionTable;

/** The desired state with the store's last observations (--from-store); notes say how old they are. */
async function fromStore(args: ParsedArgs, io: Io, output: 'text' | 'json' | 'markdown') {
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'plan', source.error);
  const engine = await openEngine(source.value, stateDirOf(args), io, output);
  if (engine.isErr()) return engine.error;
  const { desired, revision } = engine.value;
  await engine.value.close();
  const store = await openStore(args, io, 'plan');
  if (store.isErr()) return store.error;
  const seen = await observedFromStore(store.value, desired, Date.now());
  await store.value.close();
  if (seen.isErr()) {
    io.stderr.write(`quiesce plan: ${seen.error.message}\n`);
    return ExitCode.error;
  }
  const notes = `Observations from the state store:\n${seen.value.notes.map((n) => `  ${n}\n`).join('')}\n`;
  (output === 'json' ? io.stderr : io.stdout).write(notes);
  return { desired, revision, observed: seen.value.observed };
}

/** Runs plan; returns the exit code. */
export async function plan(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json', 'markdown'] as const, 'text');
  if (output.isErr()) return usageError(io, 'plan', output.error);
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'plan', source.error);
  let input: Awaited<ReturnType<typeof fromStore>>;
  if (args.values['from-store'] === true) input = await fromStore(args, io, output.value);
  else {
    const seen = await observeOnce(source.value, stateDirOf(args), io, output.value);
    input = seen.isErr() ? seen.error : seen.value;
  }
  if (typeof input === 'number') return input;
  const store = await openStore(args, io, 'plan');
  if (store.isErr()) return store.error;
  const planned = await plannedOrExit('plan', io, store.value, input);
  await store.value.close();
  if (planned.isErr()) return planned.error;
  const result = planned.value.plan;
  const render = {
    text: () => planText(result, createStyle(colourFor(io.stdout, io.env))),
    json: () => planJson(result),
    markdown: () => planMarkdown(result),
  };
  io.stdout.write(render[output.value]());
  if (result.errors.length > 0) return ExitCode.error;
  if (result.blocked.length > 0) return ExitCode.blocked;
  if (args.values['detailed-exitcode'] === true && result.changes.length > 0)
    return ExitCode.changes;
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
    [2, 'changes (only with --detailed-exitcode)'],
    [3, 'some change blocked by policy'],
  ],
  run: plan,
};
