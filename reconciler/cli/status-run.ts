// What `quiesce status` does; its descriptor (options, help) is status.ts, and main loads this file on use.
import { describeActor } from '../actor.ts';
import { openEngine } from '../engine/open-engine.ts';
import { statusOnce } from '../engine/status-once.ts';
import { lockLines, locksJson } from '../report/lock-report.ts';
import { roundLines } from '../report/round-report.ts';
import { statusJson, statusText } from '../report/status-report.ts';
import { serverText } from '../report/status-servers.ts';
import { createStyle } from '../report/style.ts';
import { filterStatus, poolSummaries } from '../status/index.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { concurrencyOf } from './concurrency.ts';
import { engineConfig, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { statusFilter } from './status-filter.ts';
import { usageError } from './usage-error.ts';

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
  if (seen.isErr()) return engineFailure(io, 'status', seen.error, output.value);
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
