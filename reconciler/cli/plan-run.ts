// What `quiesce plan` does; its descriptor (options, help) is plan.ts, and main loads this file on use.
import { openEngine } from '../engine/open-engine.ts';
import { planOnce } from '../engine/plan-once.ts';
import { planJson, planMarkdown, planText } from '../report/plan-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { concurrencyOf } from './concurrency.ts';
import { engineConfig, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

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
  if (planned.isErr()) return engineFailure(io, 'plan', planned.error, output.value);
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
