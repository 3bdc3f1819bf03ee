// Watch's wiring for maintenance rounds until it moves into engine/: the clock and the rounds' runtime.

import { GATE_TIMEOUT_MS } from '../engine/config.ts';
import type { RolloutRuntime } from '../engine/rounds.ts';
import { roundRuntime } from '../engine/rounds.ts';
import type { StateStore } from '../state/store.ts';
import { clockOf, gateRecheckOf } from './engine.ts';
import type { Io } from './io.ts';

export { clockOf };

/** The runtime for watch's rounds, its records in the state store; hooks stop with `signal`. */
export function maintenanceRuntime(
  store: StateStore,
  stateDir: string,
  io: Io,
  signal?: AbortSignal,
): RolloutRuntime {
  const config = {
    stateDir,
    env: io.env,
    gateRecheckMs: gateRecheckOf(io.env),
    gateTimeoutMs: GATE_TIMEOUT_MS,
  };
  return roundRuntime(store, config, signal);
}
