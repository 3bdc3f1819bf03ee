// Does one action of a round: records drains and returns, starts hooks in the background and records how
// they end; each with its audit entry.

import { ok, type Result } from 'neverthrow';
import type { AuditEntry, MaintenanceAction } from '../audit-record.ts';
import type { StateError } from '../errors.ts';
import type { PoolSpec } from '../model.ts';
import { newRecord, type RoundAction, type RoundRecord } from '../plan/maintenance/round-types.ts';
import { hookArgv, runHook } from './hook.ts';
import { isOurHook, killTree } from './process-tree.ts';
import type { RoundContext } from './round-context.ts';

/** An audit entry for a round's own action. */
function entry(
  context: RoundContext,
  record: RoundRecord,
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

/** Does one action; a record that cannot be written stops the round (its StateError). */
export async function act(
  pool: PoolSpec,
  action: RoundAction,
  records: Map<string, RoundRecord>,
  context: RoundContext,
): Promise<Result<void, StateError>> {
  const { runtime, now } = context;
  const id = pool.maintenance?.id as string;
  const record = records.get(action.server) ?? newRecord(pool.name, id, action.server);
  records.set(action.server, record);
  const save = () => runtime.records.save(record);
  switch (action.kind) {
    case 'check-gates':
      return ok(undefined);
    case 'start-drain': {
      // Recorded before the first step: a crash after it resumes the drain, never loses it.
      record.drainStartedAt = now();
      const saved = await save();
      if (saved.isOk()) {
        runtime.gates.get(pool.name)?.delete(action.server);
        await context.audit(entry(context, record, 'start-drain', 'ok'));
      }
      return saved;
    }
    case 'record-done': {
      record.doneAt = now();
      const saved = await save();
      if (saved.isOk()) await context.audit(entry(context, record, 'record-done', 'ok'));
      return saved;
    }
    case 'run-hook': {
      // A hook left by a quiesce that died is stopped before it runs again, so two never overlap.
      if (action.rerun && record.hookPid !== null && pool.maintenance) {
        const argv = hookArgv(pool.maintenance.run, record.server);
        const ours = { server: record.server, maintenanceId: id, argv };
        if (await isOurHook(record.hookPid, ours)) await killTree(record.hookPid, 'SIGKILL');
      }
      record.hookStartedAt = now();
      record.hookPid = null;
      record.attempts++;
      const saved = await save();
      if (saved.isErr()) return saved;
      runtime.hooks.start(pool.name, action.server, () => hook(pool, record, context));
      return ok(undefined);
    }
  }
}

/** Runs the server's hook to its end and records how it went (unless interrupted: then it runs again later). */
async function hook(pool: PoolSpec, record: RoundRecord, context: RoundContext): Promise<void> {
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
  await context.audit(
    entry(context, record, 'run-hook', ran.isOk() ? 'ok' : 'error', {
      message: record.hook.message,
      exitCode: record.hook.exitCode,
      tail: result.tail,
      durationMs: result.durationMs,
    }),
  );
}
