// `quiesce status`: one line per server (or per service with --services), a summary per pool, at a glance.
import { describeActor } from '../actor.ts';
import { openEngine } from '../engine/open-engine.ts';
import { statusOnce } from '../engine/status-once.ts';
import { lockLines, locksJson } from '../report/lock-report.ts';
import { roundLines } from '../report/round-report.ts';
import { statusJson, statusText } from '../report/status-report.ts';
import { serverText } from '../report/status-servers.ts';
import { createStyle } from '../report/style.ts';
import { filterStatus, poolSummaries } from '../status/index.ts';
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
import { statusFilter } from './status-filter.ts';
import { usageError } from './usage-error.ts';

/** Options `status` takes. */
export const statusOptions = {
  ...sourceOptions,
  ...outputOption(['text', 'json'], 'text for people, json for machines'),
  services: { type: 'boolean', help: 'one row per service instead of one per server (text only)' },
  pool: { type: 'string', value: 'POOL', help: 'show only this pool' },
  server: { type: 'string', value: 'SERVER', help: 'show only this server' },
  ...readConcurrencyOption,
  ...storeOptions,
} satisfies OptionTable;

/** Runs status; returns the exit code (1 when some server could not be read). */
export async function status(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return usageError(io, 'status', output.error);
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'status', source.error);
  const concurrency = concurrencyOf(args);
  if (concurrency.isErr()) return usageError(io, 'status', concurrency.error);
  const engine = await openEngine(
    source.value,
    engineConfig(args, io, 'status', { concurrency: concurrency.value }),
  );
  if (engine.isErr()) return engineFailure(io, 'status', engine.error, output.value);
  // A --pool or --server that matches nothing is refused before any server is read.
  const filter = statusFilter(args.values, engine.value.desired);
  if (filter.isErr()) {
    await engine.value.close();
    return usageError(io, 'status', filter.error);
  }
  const seen = await statusOnce(engine.value);
  await engine.value.close();
  if (seen.isErr()) return engineFailure(io, 'status', seen.error);
  const { plan } = seen.value;
  const pools = filterStatus(seen.value.pools, filter.value);
  const shown = new Set(pools.map((p) => p.name));
  const owners = seen.value.owners.filter((o) => shown.has(o.pool));
  const locks = seen.value.locks.filter((l) => shown.has(l.pool));
  const rollouts = plan.rollouts?.filter((r) => shown.has(r.pool));
  const style = createStyle(colourFor(io.stdout, io.env));
  const rounds = roundLines(rollouts, style);
  const table =
    args.values.services === true
      ? statusText(pools, style)
      : serverText(
          pools,
          poolSummaries(seen.value.pools, plan).filter((p) => shown.has(p.name)),
          plan,
          style,
        );
  const ownerLines = owners.map(
    (o) => `  ${o.pool}  ${describeActor(o.watcher)} since ${o.since}\n`,
  );
  const revision = engine.value.revision;
  io.stdout.write(
    output.value === 'json'
      ? `${JSON.stringify({ ...JSON.parse(statusJson(revision, pools, rollouts)), owners, locks: locksJson(locks) }, null, 2)}\n`
      : `${table}${rounds.length > 0 ? `${rounds.join('\n')}\n` : ''}${ownerLines.length > 0 ? `Watchers:\n${ownerLines.join('')}` : ''}${lockLines(locks)}`,
  );
  return plan.errors.length > 0 ? ExitCode.error : ExitCode.ok;
}

/** `quiesce status` for main.ts's command list. */
export const statusCommand: Command = {
  name: 'status',
  summary: "each service's desired mode, health, sessions, sync",
  positionals: [pathArgument],
  options: statusOptions,
  about: `One line per server: its mode, its state (the least settled of its services' health:
Stalled, Degraded, Unknown, Draining, Paused, Active, Drained; or why it could not be read),
open sessions and why it is blocked; then one summary line per pool. --services shows one
row per service instead (desired mode, health, sessions, status/startup type, sync).
--pool and --server narrow what is shown; a name that matches nothing exits 64 with the
closest name. JSON is always per service.`,
  exitCodes: [
    [0, 'ok'],
    [1, 'some server could not be read or invalid input'],
  ],
  run: status,
};
