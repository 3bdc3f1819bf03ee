// Runs what the rounds decide: asks gates, records drains and returns, runs hooks in the background.
import { err, ok, type Result } from 'neverthrow';
import type { DesiredState, Observations, PoolSpec, Revision } from '../model.ts';
import { type MaintenancePlan, planWithMaintenance } from '../plan/maintenance/maintenance-plan.ts';
import {
  type GateVerdict,
  newRecord,
  type RolloutAction,
  type RolloutRecord,
} from '../plan/maintenance/rollout-types.ts';
import type { AuditEntry, MaintenanceAction } from './audit.ts';
import { checkGates, type GateContext } from './gates.ts';
import { killGroup, runHook } from './hook.ts';
import { HookRegistry } from './hook-registry.ts';
import type { RolloutRecords } from './rollout-records.ts';

/** What lives across rounds: records' home, live hooks, gate answers; plus what hooks and gates need. */
export interface RolloutRuntime {
  records: RolloutRecords;
  hooks: HookRegistry;
  gates: Map<string, Map<string, GateVerdict>>;
  gate: Omit<GateContext, 'revision' | 'now'>;
  /** How long a Busy or blocked gate answer stands before the gate is asked again. */
  gateRecheckMs: number;
  env: Readonly<Record<string, string | undefined>>;
  /** Stops hooks (they are run again next time: no end is recorded). */
  signal?: AbortSignal;
}

/** A runtime with no hooks running and no gate answers yet. */
export function rolloutRuntime(
  records: RolloutRecords,
  options: Omit<RolloutRuntime, 'records' | 'hooks' | 'gates'>,
): RolloutRuntime {
  return { records, hooks: new HookRegistry(), gates: new Map(), ...options };
}

/** One round's context. */
export interface RoundContext {
  runtime: RolloutRuntime;
  revision: Revision | null;
  now: () => number;
  audit: (entry: AuditEntry) => void;
}

const MAX_GATE_PASSES = 64;

/** The current round's records of every pool that declares one, by pool then server. */
export async function loadRecords(
  desired: DesiredState,
  store: RolloutRecords,
): Promise<Result<Map<string, Map<string, RolloutRecord>>, string>> {
  const records = new Map<string, Map<string, RolloutRecord>>();
  for (const pool of desired.pools) {
    if (!pool.maintenance || pool.suspend) continue;
    const loaded = await store.load(pool.name, pool.maintenance.id);
    if (loaded.isErr()) return err(loaded.error);
    records.set(pool.name, loaded.value);
  }
  return ok(records);
}

/** Plans with maintenance and does what the rounds decide, except the service steps (runPlan does those). */
export async function maintenanceRound(
  desired: DesiredState,
  observed: Observations,
  context: RoundContext,
): Promise<{ planned: MaintenancePlan; failure: string | null }> {
  const { runtime, now } = context;
  const loaded = await loadRecords(desired, runtime.records);
  if (loaded.isErr()) {
    const planned = planWithMaintenance(desired, observed, now(), context.revision);
    return { planned, failure: loaded.error };
  }
  const records = loaded.value;
  // Busy or blocked answers stand for a while; then the gate is asked again.
  for (const verdicts of runtime.gates.values())
    for (const [server, verdict] of verdicts)
      if (verdict.state !== 'go' && now() - verdict.at >= runtime.gateRecheckMs)
        verdicts.delete(server);
  let planned = plan();
  for (let pass = 0; pass < MAX_GATE_PASSES; pass++) {
    const asks = planned.rollouts.flatMap((r) =>
      r.actions
        .filter((a) => a.kind === 'check-gates')
        .map((a) => ({ pool: r.pool, server: a.server })),
    );
    if (asks.length === 0) break;
    for (const ask of asks) {
      const pool = desired.pools.find((p) => p.name === ask.pool) as PoolSpec;
      const verdict = await checkGates(pool, ask.server, {
        ...runtime.gate,
        revision: context.revision?.id ?? null,
        now,
      });
      const verdicts = runtime.gates.get(ask.pool) ?? new Map<string, GateVerdict>();
      runtime.gates.set(ask.pool, verdicts);
      verdicts.set(ask.server, verdict);
    }
    planned = plan();
  }
  for (const rollout of planned.rollouts) {
    const pool = desired.pools.find((p) => p.name === rollout.pool) as PoolSpec;
    const poolRecords = records.get(pool.name) ?? new Map();
    for (const action of rollout.actions) {
      const failure = await act(pool, action, poolRecords, context);
      if (failure !== null) return { planned, failure };
    }
  }
  return { planned, failure: null };

  function plan() {
    return planWithMaintenance(desired, observed, now(), context.revision, {
      records,
      gates: runtime.gates,
      liveHooks: runtime.hooks.live,
    });
  }
}

/** An audit entry for a round's own action. */
function entry(
  context: RoundContext,
  record: RolloutRecord,
  action: MaintenanceAction,
  outcome: 'ok' | 'error',
  extra: { message?: string; exitCode?: number | null; tail?: string[]; durationMs?: number } = {},
): AuditEntry {
  return {
    time: new Date(context.now()).toISOString(),
    revision: context.revision,
    pool: record.pool,
    server: record.server,
    service: 'maintenance',
    action,
    before: null,
    after: null,
    outcome,
    error: outcome === 'error' ? { kind: 'Unexpected', message: extra.message ?? '' } : null,
    durationMs: extra.durationMs ?? 0,
    maintenance: {
      id: record.id,
      ...(extra.exitCode === undefined ? {} : { exitCode: extra.exitCode }),
      ...(extra.tail === undefined ? {} : { tail: extra.tail }),
    },
  };
}

/** Does one action; a record that cannot be written stops the round (one line). */
async function act(
  pool: PoolSpec,
  action: RolloutAction,
  records: Map<string, RolloutRecord>,
  context: RoundContext,
): Promise<string | null> {
  const { runtime, now } = context;
  const id = pool.maintenance?.id as string;
  const record = records.get(action.server) ?? newRecord(pool.name, id, action.server);
  records.set(action.server, record);
  const save = async () => {
    const saved = await runtime.records.save(record);
    return saved.isErr() ? saved.error : null;
  };
  switch (action.kind) {
    case 'check-gates':
      return null;
    case 'start-drain': {
      // Recorded before the first step: a crash after it resumes the drain, never loses it.
      record.drainStartedAt = now();
      const failure = await save();
      if (failure === null) {
        runtime.gates.get(pool.name)?.delete(action.server);
        context.audit(entry(context, record, 'start-drain', 'ok'));
      }
      return failure;
    }
    case 'record-done': {
      record.doneAt = now();
      const failure = await save();
      if (failure === null) context.audit(entry(context, record, 'record-done', 'ok'));
      return failure;
    }
    case 'run-hook': {
      // A hook left by a quiesce that died is stopped before it runs again, so two never overlap.
      if (action.rerun && record.hookPid !== null) killGroup(record.hookPid, 'SIGKILL');
      record.hookStartedAt = now();
      record.hookPid = null;
      record.attempts++;
      const failure = await save();
      if (failure !== null) return failure;
      runtime.hooks.start(pool.name, action.server, () => hook(pool, record, context));
      return null;
    }
  }
}

/** Runs the server's hook to its end and records how it went (unless interrupted: then it runs again later). */
async function hook(pool: PoolSpec, record: RolloutRecord, context: RoundContext): Promise<void> {
  const { runtime, now } = context;
  const round = pool.maintenance;
  if (!round) return;
  const ran = await runHook(
    {
      argv: round.run,
      timeoutMs: round.timeoutMs,
      pool: pool.name,
      server: record.server,
      maintenanceId: round.id,
      revision: context.revision?.id ?? null,
    },
    {
      env: runtime.env,
      signal: runtime.signal,
      onSpawn: (pid) => {
        record.hookPid = pid;
        void runtime.records.save(record);
      },
    },
  );
  if (ran.isErr() && ran.error.kind === 'Aborted') return;
  const result = ran.isOk() ? ran.value : ran.error;
  record.hookEndedAt = now();
  record.hookPid = null;
  record.hook = ran.isOk()
    ? { ok: true, kind: null, exitCode: 0, message: 'hook exited with code 0', tail: result.tail }
    : {
        ok: false,
        kind: ran.error.kind,
        exitCode: ran.error.exitCode,
        message: ran.error.message,
        tail: ran.error.tail,
      };
  await runtime.records.save(record);
  context.audit(
    entry(context, record, 'run-hook', ran.isOk() ? 'ok' : 'error', {
      message: record.hook.message,
      exitCode: record.hook.exitCode,
      tail: result.tail,
      durationMs: result.durationMs,
    }),
  );
}
