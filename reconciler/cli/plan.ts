// `quiesce plan`: what apply would do now, and why anything is blocked. Changes nothing.
import { planJson, planMarkdown, planText } from '../report/plan-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { engineOptions, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { observeAndPlan } from './maintenance.ts';
import { usageError } from './usage-error.ts';

/** Options `plan` takes. */
export const planOptions = {
  ...engineOptions,
  output: { type: 'string', short: 'o' },
  'detailed-exitcode': { type: 'boolean' },
} as const;

/** Runs plan; returns the exit code. */
export async function plan(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json', 'markdown'] as const, 'text');
  if (output.isErr()) return usageError(io, 'plan', output.error);
  const source = sourceOf(args);
  if (source.isErr()) return usageError(io, 'plan', source.error);
  const seen = await observeAndPlan('plan', source.value, stateDirOf(args), io, output.value);
  if (seen.isErr()) return seen.error;
  const result = seen.value.plan;
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
