// Wiring for maintenance rounds: the records' home, gates per driver, and `apply --retry-hook POOL SERVER`.
import { err, ok, type Result } from 'neverthrow';
import type { RolloutRecords } from '../apply/rollout-records.ts';
import { loadRecords, type RolloutRuntime, rolloutRuntime } from '../apply/rollout-runtime.ts';
import { storeRolloutRecords } from '../apply/store-rollout-records.ts';
import type { AuditEntry } from '../audit-record.ts';
import { driverRow } from '../drivers/registry.ts';
import { didYouMean } from '../load/suggest.ts';
import type { DesiredState, Observations, PoolSpec, Revision } from '../model.ts';
import {
  type MaintenancePlan,
  NO_MAINTENANCE,
  planWithMaintenance,
} from '../plan/maintenance/maintenance-plan.ts';
import type { StateStore } from '../state/store.ts';
import { ExitCode } from './exit-codes.ts';
import type { Io } from './io.ts';

/** How long a gate command may run. */
const GATE_TIMEOUT_MS = 5 * 60_000;

/** How long a Busy or blocked gate answer stands before the gate is asked again. */
const GATE_RECHECK_MS = 30_000;

/** The pool's readiness through the first of its drivers whose row in the driver table can ask it. */
async function readiness(
  stateDir: string,
  pool: PoolSpec,
  server: string,
): Promise<Result<string, string>> {
  for (const target of pool.targets) {
    const row = driverRow(target.driver);
    if (row.isOk() && row.value.readiness !== undefined)
      return row.value.readiness(target, pool, server, stateDir);
  }
  return err(`pool ${pool.name} has no driver that can run Get-CsPoolUpgradeReadinessState`);
}

/**
 * The runtime for apply and watch, its records in the state store; `QUIESCE_GATE_RECHECK_SECONDS` shortens
 * the gate re-check (tests).
 */
export function maintenanceRuntime(
  store: StateStore,
  stateDir: string,
  io: Io,
  signal?: AbortSignal,
): RolloutRuntime {
  const recheck = Number(io.env.QUIESCE_GATE_RECHECK_SECONDS);
  return rolloutRuntime(storeRolloutRecords(store), {
    gate: {
      readiness: (pool, server) => readiness(stateDir, pool, server),
      env: io.env,
      timeoutMs: GATE_TIMEOUT_MS,
    },
    gateRecheckMs: Number.isFinite(recheck) && recheck > 0 ? recheck * 1000 : GATE_RECHECK_MS,
    env: io.env,
    signal,
  });
}

/** How many names a hint lists. */
const LISTED = 8;

/** `; did you mean \`x\`? (its servers: a, b, … and 4 more)` after a name that is not among `names`. */
function namesHint(name: string, names: readonly string[], what: string): string {
  const suggestion = didYouMean(name, names);
  const shown = names.slice(0, LISTED).join(', ');
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  return `${suggestion === null ? '' : `; ${suggestion}`} (${what}: ${shown}${more})`;
}

/**
 * Clears a failed hook so the next round runs it again (audited as retry-hook). A usage problem is a message.
 */
export async function retryHook(
  desired: DesiredState,
  records: RolloutRecords,
  pool: string,
  server: string,
  revision: Revision | null,
  audit: (entry: AuditEntry) => void | Promise<void>,
): Promise<Result<string, string>> {
  const spec = desired.pools.find((p) => p.name === pool);
  if (spec === undefined)
    return err(
      `no pool ${pool} in the desired state${namesHint(
        pool,
        desired.pools.map((p) => p.name),
        'pools',
      )}`,
    );
  const round = spec.maintenance;
  if (!round) return err(`pool ${pool} declares no spec.maintenance`);
  if (!spec.servers.some((s) => s.name === server))
    return err(
      `${server} is not a server of pool ${pool}${namesHint(
        server,
        spec.servers.map((s) => s.name),
        'its servers',
      )}`,
    );
  if (!round.servers.includes(server))
    return err(
      `${server} is not in round ${round.id} of pool ${pool}${namesHint(server, round.servers, 'spec.maintenance.servers')}`,
    );
  const loaded = await records.load(pool, round.id);
  if (loaded.isErr()) return err(loaded.error);
  const record = loaded.value.get(server);
  if (record?.hook == null || record.hook.ok)
    return err(
      `${server} has no failed hook in round ${round.id} of pool ${pool}; nothing to retry`,
    );
  const before = record.hook;
  Object.assign(record, { hook: null, hookStartedAt: null, hookEndedAt: null, hookPid: null });
  const saved = await records.save(record);
  if (saved.isErr()) return err(saved.error);
  await audit({
    time: new Date().toISOString(),
    revision,
    pool,
    server,
    service: 'maintenance',
    action: 'retry-hook',
    before: null,
    after: null,
    outcome: 'ok',
    error: null,
    durationMs: 0,
    maintenance: { id: round.id, exitCode: before.exitCode, tail: before.tail },
  });
  return ok(`retrying the hook of ${server} in round ${round.id} (it failed: ${before.message})`);
}

/** The plan with rounds as the store's records have them (read only: plan and status change nothing). */
export async function plannedWithRecords(
  desired: DesiredState,
  observed: Observations,
  revision: Revision | null,
  store: StateStore,
  now: number,
): Promise<Result<MaintenancePlan, string>> {
  const records = await loadRecords(desired, storeRolloutRecords(store));
  if (records.isErr()) return err(records.error);
  return ok(
    planWithMaintenance(desired, observed, now, revision, {
      ...NO_MAINTENANCE,
      records: records.value,
    }),
  );
}

/**
 * The clock rounds and windows read: the system clock, shifted by `QUIESCE_CLOCK_OFFSET_MS` when set (to
 * rehearse a maintenance window, or to test one, without waiting for it).
 */
export function clockOf(env: Io['env']): () => number {
  const offset = Number(env.QUIESCE_CLOCK_OFFSET_MS ?? '0');
  return Number.isFinite(offset) && offset !== 0 ? () => Date.now() + offset : Date.now;
}

/** plannedWithRecords for plan and status; err(exit code) after printing why. */
export async function plannedOrExit(
  command: string,
  io: Io,
  store: StateStore,
  seen: { desired: DesiredState; revision: Revision | null; observed: Observations },
): Promise<Result<MaintenancePlan, number>> {
  const { desired, observed, revision } = seen;
  const planned = await plannedWithRecords(desired, observed, revision, store, clockOf(io.env)());
  if (planned.isOk()) return ok(planned.value);
  io.stderr.write(`quiesce ${command}: ${planned.error}\n`);
  return err(ExitCode.error);
}
