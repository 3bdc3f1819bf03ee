// The maintenance runtime of an engine: round records in the store, gates asked through the driver registry.
import { err, type Result } from 'neverthrow';
import { storeGateMemories } from '../apply/gate-memory.ts';
import type { RoundRuntime } from '../apply/round-context.ts';
import { createRoundRuntime } from '../apply/round-runtime.ts';
import { storeRoundRecords } from '../apply/store-round-records.ts';
import type { FabricReply, ReadinessReply } from '../drivers/descriptor.ts';
import { driverRow } from '../drivers/registry.ts';
import type { PoolSpec } from '../model.ts';
import type { StateStore } from '../state/store.ts';
import type { EngineConfig } from './config.ts';

/** The pool's readiness through the first of its drivers whose registry row can ask it. */
async function readiness(
  stateDir: string,
  pool: PoolSpec,
  server: string,
): Promise<Result<ReadinessReply, string>> {
  for (const target of pool.targets) {
    const row = driverRow(target.driver);
    if (row.isOk() && row.value.readiness !== undefined)
      return row.value.readiness(target, pool, server, stateDir);
  }
  return err(`pool ${pool.name} has no driver that can run Get-CsPoolUpgradeReadinessState`);
}

/** The pool's fabric state through the first of its drivers whose registry row can ask it. */
async function fabric(
  stateDir: string,
  pool: PoolSpec,
  server: string,
): Promise<Result<FabricReply, string>> {
  for (const target of pool.targets) {
    const row = driverRow(target.driver);
    if (row.isOk() && row.value.fabric !== undefined)
      return row.value.fabric(target, pool, server, stateDir);
  }
  return err(`pool ${pool.name} has no driver that can run Get-CsPoolFabricState`);
}

/** The runtime for rounds (records in the store, gate answers, live hooks); hooks stop with `signal`. */
export function roundRuntime(
  store: StateStore,
  config: Pick<
    EngineConfig,
    'stateDir' | 'env' | 'gateRecheckMs' | 'gateTimeoutMs' | 'signal' | 'retryArgs' | 'actor'
  >,
  signal: AbortSignal | undefined = config.signal,
): RoundRuntime {
  return createRoundRuntime(storeRoundRecords(store), {
    gate: {
      readiness: (pool, server) => readiness(config.stateDir, pool, server),
      fabric: (pool, server) => fabric(config.stateDir, pool, server),
      memories: storeGateMemories(store),
      reported: new Map(),
      env: config.env,
      timeoutMs: config.gateTimeoutMs,
    },
    gateRecheckMs: config.gateRecheckMs,
    env: config.env,
    signal,
    // A watcher's plans say to stop it before a retry (it holds the pool's lock while it reconciles).
    retryHint: { args: config.retryArgs ?? [], watcher: config.actor.command === 'watch' },
  });
}

export type { RoundPlanner, RoundRuntime } from '../apply/round-context.ts';
