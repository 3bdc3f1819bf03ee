// `quiesce status`: every service's desired mode, health, sessions and sync, at a glance.
import { fleetStatus } from '../plan/index.ts';
import { rolloutLines } from '../report/rollout-report.ts';
import { statusJson, statusText } from '../report/status-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { engineOptions, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { observeAndPlan } from './maintenance.ts';
import { usageError } from './usage-error.ts';

/** Options `status` takes. */
export const statusOptions = { ...engineOptions, output: { type: 'string', short: 'o' } } as const;

/** Runs status; returns the exit code (1 when some server could not be read). */
export async function status(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return usageError(io, 'status', output.error);
  const source = sourceOf(args);
  if (source.isErr()) return usageError(io, 'status', source.error);
  const seen = await observeAndPlan('status', source.value, stateDirOf(args), io, output.value);
  if (seen.isErr()) return seen.error;
  const { desired, revision, observed, plan } = seen.value;
  const pools = fleetStatus(desired, observed, Date.now());
  const style = createStyle(colourFor(io.stdout, io.env));
  const rounds = rolloutLines(plan.rollouts, style);
  io.stdout.write(
    output.value === 'json'
      ? statusJson(revision, pools, plan.rollouts)
      : `${statusText(pools, style)}${rounds.length > 0 ? `${rounds.join('\n')}\n` : ''}`,
  );
  return plan.errors.length > 0 ? ExitCode.error : ExitCode.ok;
}
