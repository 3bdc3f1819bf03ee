// `quiesce status`: every service's desired mode, health, sessions and sync, at a glance.
import { describeActor } from '../actor.ts';
import { openEngine } from '../engine/open-engine.ts';
import { statusOnce } from '../engine/status-once.ts';
import { lockLines, locksJson } from '../report/lock-report.ts';
import { roundLines } from '../report/round-report.ts';
import { statusJson, statusText } from '../report/status-report.ts';
import { createStyle } from '../report/style.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { engineConfig, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { outputOption, pathArgument, sourceOptions, storeOptions } from './options.ts';
import { usageError } from './usage-error.ts';

/** Options `status` takes. */
export const statusOptions = {
  ...sourceOptions,
  ...outputOption(['text', 'json'], 'text for people, json for machines'),
  ...storeOptions,
} satisfies OptionTable;

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
  const { pools, plan, owners, locks } = seen.value;
  const style = createStyle(colourFor(io.stdout, io.env));
  const rounds = roundLines(plan.rollouts, style);
  const ownerLines = owners.map(
    (o) => `  ${o.pool}  ${describeActor(o.watcher)} since ${o.since}\n`,
  );
  const revision = engine.value.revision;
  io.stdout.write(
    output.value === 'json'
      ? `${JSON.stringify({ ...JSON.parse(statusJson(revision, pools, plan.rollouts)), owners, locks: locksJson(locks) }, null, 2)}\n`
      : `${statusText(pools, style)}${rounds.length > 0 ? `${rounds.join('\n')}\n` : ''}${ownerLines.length > 0 ? `Watchers:\n${ownerLines.join('')}` : ''}${lockLines(locks)}`,
  );
  return plan.errors.length > 0 ? ExitCode.error : ExitCode.ok;
}

/** `quiesce status` for main.ts's command list. */
export const statusCommand: Command = {
  name: 'status',
  summary: "each service's desired mode, health, sessions, sync",
  positionals: [pathArgument],
  options: statusOptions,
  about: `One row per service: desired mode, health (Active, Draining, Drained, Paused,
Stalled, Degraded, Unknown), open sessions, status/startup type and sync.`,
  exitCodes: [
    [0, 'ok'],
    [1, 'some server could not be read or invalid input'],
  ],
  run: status,
};
