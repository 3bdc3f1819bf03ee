// Runs a round's gates before a server's drain: lync2013-readiness and lync-fabric through the pool's driver
// (Busy answers and stops remembered in the store), or a command.
import type { Result } from 'neverthrow';
import type { FabricReply, ReadinessReply } from '../drivers/descriptor.ts';
import type { GateSpec, PoolSpec } from '../model.ts';
import type { GateVerdict } from '../plan/maintenance/round-types.ts';
import type { GateMemories } from './gate-memory.ts';
import { runHook } from './hook.ts';
import { fabricVerdict, readinessVerdict, type Verdict } from './lync-verdicts.ts';
import { type ReportedDomains, reportDomains } from './reported-domains.ts';

/** What running gates needs: how to ask a pool's Lync gates, the environment for commands, a time limit. */
export interface GateContext {
  readiness(pool: PoolSpec, server: string): Promise<Result<ReadinessReply, string>>;
  fabric(pool: PoolSpec, server: string): Promise<Result<FabricReply, string>>;
  /** Where the readiness gate's Busy count and stop are kept (the state store: they survive a restart). */
  memories: GateMemories;
  /** Where the readiness answers' upgrade domains are put, for servers the YAML gives none (absent: nowhere). */
  reported?: ReportedDomains;
  env: Readonly<Record<string, string | undefined>>;
  revision: string | null;
  timeoutMs: number;
  now: () => number;
}

/** The readiness gate: a stopped round stays stopped (not asked); else asked, and the answer remembered. */
async function readinessGate(
  pool: PoolSpec,
  server: string,
  context: GateContext,
): Promise<Verdict> {
  const id = pool.maintenance?.id ?? '';
  const memory = await context.memories.load(pool.name, id);
  if (memory.isErr())
    return {
      state: 'wait',
      message: `lync2013-readiness: cannot read what the gate remembers (${memory.error.message}); asking again`,
    };
  if (memory.value.stopped !== null)
    return { state: 'blocked', message: memory.value.stopped.message };
  const reply = await context.readiness(pool, server);
  if (reply.isErr())
    return {
      state: 'wait',
      message: `lync2013-readiness: could not ask (${reply.error}); asking again`,
    };
  const spec = pool.servers.find((s) => s.name === server) ?? {
    name: server,
    mode: 'active' as const,
    reason: null,
    services: [],
  };
  if (context.reported !== undefined && reply.value.domains.length > 0)
    reportDomains(context.reported, pool, reply.value.domains);
  const decided = readinessVerdict(reply.value, spec, memory.value, context.now());
  const saved = await context.memories.save(pool.name, id, decided.memory);
  if (saved.isErr())
    return {
      state: 'wait',
      message: `lync2013-readiness: ${reply.value.state}, but it cannot be remembered (${saved.error.message}); asking again`,
    };
  return decided.verdict;
}

/** The fabric gate: Get-CsPoolFabricState -PoolFqdn (spec.lync.pool) shows no missing replica. */
async function fabricGate(pool: PoolSpec, server: string, context: GateContext): Promise<Verdict> {
  const fqdn = pool.lync?.pool;
  // The loader refuses a lync-fabric gate without spec.lync.pool; a bug if it got here.
  if (fqdn === undefined) throw new Error(`pool ${pool.name}: lync-fabric without spec.lync.pool`);
  const reply = await context.fabric(pool, server);
  if (reply.isErr())
    return { state: 'wait', message: `lync-fabric: could not ask (${reply.error}); asking again` };
  return fabricVerdict(reply.value, fqdn);
}

async function gateVerdict(
  gate: GateSpec,
  pool: PoolSpec,
  server: string,
  context: GateContext,
): Promise<Verdict> {
  if (gate.kind === 'lync2013-readiness') return readinessGate(pool, server, context);
  if (gate.kind === 'lync-fabric') return fabricGate(pool, server, context);
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

/**
 * For a plan that asks nothing: the verdicts of rounds whose readiness gate stopped them (read from where the
 * gate keeps its memory), for the server each waits to check, by pool.
 */
export async function stoppedRounds(
  rounds: readonly { pool: string; actions: readonly { kind: string; server: string }[] }[],
  desired: { pools: readonly PoolSpec[] },
  context: Pick<GateContext, 'memories'>,
  now: () => number,
): Promise<Map<string, Map<string, GateVerdict>>> {
  const stopped = new Map<string, Map<string, GateVerdict>>();
  for (const round of rounds) {
    const pool = desired.pools.find((p) => p.name === round.pool);
    const id = pool?.maintenance?.id;
    if (id === undefined || !pool?.maintenance?.gates.some((g) => g.kind === 'lync2013-readiness'))
      continue;
    const waiting = round.actions.find((a) => a.kind === 'check-gates');
    if (waiting === undefined) continue;
    const memory = await context.memories.load(pool.name, id);
    if (memory.isErr() || memory.value.stopped === null) continue;
    stopped.set(
      pool.name,
      new Map([
        [waiting.server, { state: 'blocked', message: memory.value.stopped.message, at: now() }],
      ]),
    );
  }
  return stopped;
}
