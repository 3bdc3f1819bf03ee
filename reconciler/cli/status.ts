// `quiesce status`: every service's desired mode, health, sessions and sync, at a glance.
import { describeActor } from '../actor.ts';
import { openEngine } from '../engine/open-engine.ts';
import { statusOnce } from '../engine/status-once.ts';
import { rolloutLines } from '../report/rollout-report.ts';
import { statusJson, statusText } from '../report/status-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { engineConfig, engineOptions, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

/** Options `status` takes. */
export const statusOptions = { ...engineOptions, output: { type: 'string', short: 'o' } } as const;

/** Runs status; returns the exit code (1 when some server could not be read). */
export async function status(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return usageError(io, 'status', output.error);
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'status', source.error);
  const engine = await openEngine(source.value, engineConfig(args, io, 'status'));
  if (engine.isErr()) return engineFailure(io, 'status', engine.error, output.value);
  const seen = await statusOnce(engine.value);
  await engine.value.close();
  if (seen.isErr()) return engineFailure(io, 'status', seen.error);
  const { pools, plan, owners } = seen.value;
  const style = createStyle(colourFor(io.stdout, io.env));
  const rounds = rolloutLines(plan.rollouts, style);
  const ownerLines = owners.map(
    (o) => `  ${o.pool}  ${describeActor(o.watcher)} since ${o.since}\n`,
  );
  const revision = engine.value.revision;
  io.stdout.write(
    output.value === 'json'
      ? `${JSON.stringify({ ...JSON.parse(statusJson(revision, pools, plan.rollouts)), owners }, null, 2)}\n`
      : `${statusText(pools, style)}${rounds.length > 0 ? `${rounds.join('\n')}\n` : ''}${ownerLines.length > 0 ? `Watchers:\n${ownerLines.join('')}` : ''}`,
  );
  return plan.errors.length > 0 ? ExitCode.error : ExitCode.ok;
}
