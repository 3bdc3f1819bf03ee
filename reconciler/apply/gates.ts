// Runs a round's gates before a server's drain: lync2013-readiness through the pool's driver, or a command.
import type { Result } from 'neverthrow';
import type { GateSpec, PoolSpec } from '../model.ts';
import type { GateVerdict } from '../plan/maintenance/round-types.ts';
import { runHook } from './hook.ts';

/** What Get-CsPoolUpgradeReadinessState says about a pool (Ready, Busy, InsufficientActiveFrontEnds). */
export type ReadinessAnswer = string;

/** What running gates needs: how to ask a pool's readiness, the environment for commands, a time limit. */
export interface GateContext {
  readiness(pool: PoolSpec, server: string): Promise<Result<ReadinessAnswer, string>>;
  env: Readonly<Record<string, string | undefined>>;
  revision: string | null;
  timeoutMs: number;
  now: () => number;
}

async function gateVerdict(
  gate: GateSpec,
  pool: PoolSpec,
  server: string,
  context: GateContext,
): Promise<Omit<GateVerdict, 'at'>> {
  if (gate.kind === 'lync2013-readiness') {
    const state = await context.readiness(pool, server);
    if (state.isErr())
      return {
        state: 'wait',
        message: `lync2013-readiness: could not ask (${state.error}); asking again`,
      };
    if (state.value === 'Ready') return { state: 'go', message: 'lync2013-readiness: Ready' };
    if (state.value === 'Busy') return { state: 'wait', message: 'lync2013-readiness: Busy' };
    return { state: 'blocked', message: `lync2013-readiness: ${state.value}` };
  }
  const ran = await runHook(
    {
      argv: gate.argv,
      timeoutMs: context.timeoutMs,
      pool: pool.name,
      server,
      maintenanceId: pool.maintenance?.id ?? '',
      revision: context.revision,
    },
    { env: context.env, maxLines: 5 },
  );
  const name = gate.argv[0] ?? '';
  if (ran.isOk()) return { state: 'go', message: `command ${name}: exit 0` };
  const last = ran.error.tail.at(-1);
  return {
    state: 'blocked',
    // The runner words its failures for hooks ("hook exited with code 1"); a gate is not a hook.
    message: `command ${name}: ${ran.error.message.replace(/^hook /, '')}${last === undefined ? '' : `: ${last}`}`,
  };
}

/** Every gate of the round for `server`, in order; the first that does not say go decides. */
export async function checkGates(
  pool: PoolSpec,
  server: string,
  context: GateContext,
): Promise<GateVerdict> {
  let last: Omit<GateVerdict, 'at'> = { state: 'go', message: 'no gates' };
  for (const gate of pool.maintenance?.gates ?? []) {
    last = await gateVerdict(gate, pool, server, context);
    if (last.state !== 'go') break;
  }
  return { ...last, at: context.now() };
}
