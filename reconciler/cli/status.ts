// `quiesce status`: every service's desired mode, health, sessions and sync, at a glance.

import { describeActor } from '../actor.ts';
import { rolloutLines } from '../report/rollout-report.ts';
import { statusJson, statusText } from '../report/status-report.ts';
import { createStyle } from '../report/style.ts';
import { planFleetStatus } from '../status/index.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { observeOnce, sourceOf, stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { plannedOrExit } from './maintenance.ts';
import { outputOption, pathArgument, sourceOptions, storeOptions } from './options.ts';
import { withDrainStarts } from './record-round.ts';
import { openStore } from './store.ts';
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
  const seen = await observeOnce(source.value, stateDirOf(args), io, output.value);
  if (seen.isErr()) return seen.error;
  const { desired, revision } = seen.value;
  const now = Date.now();
  const store = await openStore(args, io, 'status');
  if (store.isErr()) return store.error;
  // Drain starts from the store (Stalled for every driver), which watcher owns which pool, and the rounds.
  const filled = await withDrainStarts(store.value, desired, seen.value.observed, now);
  const owners = await store.value.owners();
  const failed = filled.isErr() ? filled.error : owners.isErr() ? owners.error : null;
  if (failed !== null || filled.isErr() || owners.isErr()) {
    await store.value.close();
    io.stderr.write(`quiesce status: ${failed?.message}\n`);
    return ExitCode.error;
  }
  const observed = filled.value;
  const planned = await plannedOrExit('status', io, store.value, { desired, revision, observed });
  await store.value.close();
  if (planned.isErr()) return planned.error;
  const { plan } = planned.value;
  const pools = planFleetStatus(desired, plan, observed, now);
  const style = createStyle(colourFor(io.stdout, io.env));
  const rounds = rolloutLines(plan.rollouts, style);
  const ownerLines = owners.value.map(
    (o) => `  ${o.pool}  ${describeActor(o.watcher)} since ${o.since}\n`,
  );
  io.stdout.write(
    output.value === 'json'
      ? `${JSON.stringify({ ...JSON.parse(statusJson(revision, pools, plan.rollouts)), owners: owners.value }, null, 2)}\n`
      : `${statusText(pools, style)}${rounds.length > 0 ? `${rounds.join('\n')}\n` : ''}${ownerLines.length > 0 ? `Watchers:\n${ownerLines.join('')}` : ''}`,
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
