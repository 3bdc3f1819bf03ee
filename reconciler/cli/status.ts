// `quiesce status`: every service's desired mode, health, sessions and sync, at a glance.
import { buildPlan, fleetStatus } from '../plan/index.ts';
import { statusJson, statusText } from '../report/status-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { engineOptions, observeOnce, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

/** Options `status` takes. */
export const statusOptions = { ...engineOptions, output: { type: 'string', short: 'o' } } as const;

/** Runs status; returns the exit code (1 when some server could not be read). */
export async function status(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return usageError(io, 'status', output.error);
  const source = sourceOf(args);
  if (source.isErr()) return usageError(io, 'status', source.error);
  const seen = await observeOnce(source.value, stateDirOf(args), io, output.value);
  if (seen.isErr()) return seen.error;
  const { desired, revision, observed } = seen.value;
  const now = Date.now();
  const pools = fleetStatus(desired, observed, now);
  io.stdout.write(
    output.value === 'json'
      ? statusJson(revision, pools)
      : statusText(pools, createStyle(colourFor(io.stdout, io.env))),
  );
  return buildPlan(desired, observed, now, revision).errors.length > 0
    ? ExitCode.error
    : ExitCode.ok;
}
