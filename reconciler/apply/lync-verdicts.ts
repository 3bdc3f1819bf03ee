// What the lync gates' answers mean for the next drain, as Microsoft's upgrade guide and patch procedure say;
// pure: answers, the round's gate memory and now in, a verdict and the memory to keep out.
import type { FabricReply, ReadinessReply, UpgradeDomainReply } from '../drivers/descriptor.ts';
import type { ServerSpec } from '../model.ts';
import type { GateVerdict } from '../plan/maintenance/round-types.ts';
import type { GateMemory } from './gate-memory.ts';

/**
 * "If the value of PoolUpgradeState is Busy, wait for 10 minutes, and then try Get-CsPoolUpgradeReadinessState
 * again. If you see Busy for at least three consecutive times, after waiting 10 minutes in between each attempt,
 * or if you see any result of InsufficientActiveFrontEnds for PoolUpgradeState, then there is an issue with the
 * pool" (Microsoft, "Upgrade or update Front End Servers in Lync Server 2013").
 */
export const BUSY_INTERVAL_MS = 10 * 60_000;
/** Busy answers in a row (each BUSY_INTERVAL_MS after the last counted) that stop the round. */
export const BUSY_LIMIT = 3;

/** A verdict without its time (the caller stamps it). */
export type Verdict = Omit<GateVerdict, 'at'>;

const caseless = (name: string) => name.toLowerCase();

/** Whether a Front End as the cmdlet names it (often its FQDN) is `server` (a short name or the FQDN). */
export function sameHost(reported: string, server: string): boolean {
  const a = caseless(reported.trim());
  const b = caseless(server.trim());
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** The upgrade domain the answer puts `server` in, or null. */
export function domainOf(
  domains: readonly UpgradeDomainReply[],
  server: string,
): UpgradeDomainReply | null {
  return domains.find((d) => d.servers.some((s) => sameHost(s, server))) ?? null;
}

const STOP_HINT =
  'Microsoft: there is an issue with the pool; fail it over to its backup pool before updating it. To go on, start a new round (a new spec.maintenance.id)';

/**
 * The readiness gate's verdict for `server` and what the round remembers: Ready and the server's upgrade domain
 * ReadyForUpgrade go; Busy waits (counted when 10 minutes after the last counted one; the third stops the round);
 * InsufficientActiveFrontEnds stops the round; any other state blocks. A stopped round stays stopped.
 */
export function readinessVerdict(
  reply: ReadinessReply,
  server: ServerSpec,
  memory: GateMemory,
  now: number,
): { verdict: Verdict; memory: GateMemory } {
  const name = 'lync2013-readiness';
  if (memory.stopped !== null)
    return { verdict: { state: 'blocked', message: memory.stopped.message }, memory };
  const state = reply.state;
  if (state === 'Busy') {
    const counts = memory.lastBusyAt === null || now - memory.lastBusyAt >= BUSY_INTERVAL_MS;
    const busy = counts ? memory.busy + 1 : memory.busy;
    const lastBusyAt = counts ? now : memory.lastBusyAt;
    if (busy >= BUSY_LIMIT) {
      const message = `${name}: ${reply.cmdlet} said Busy ${busy} times in a row, 10 minutes apart: round stopped (${STOP_HINT})`;
      return {
        verdict: { state: 'blocked', message },
        memory: { busy, lastBusyAt, stopped: { message, at: now } },
      };
    }
    return {
      verdict: {
        state: 'wait',
        message: `${name}: Busy (${busy} of ${BUSY_LIMIT} in a row; asked again, counted 10 minutes apart)`,
      },
      memory: { busy, lastBusyAt, stopped: null },
    };
  }
  const cleared: GateMemory = { busy: 0, lastBusyAt: null, stopped: null };
  if (state === 'InsufficientActiveFrontEnds') {
    const message = `${name}: InsufficientActiveFrontEnds (${reply.cmdlet}): round stopped (${STOP_HINT})`;
    return {
      verdict: { state: 'blocked', message },
      memory: { ...cleared, stopped: { message, at: now } },
    };
  }
  if (state !== 'Ready')
    return { verdict: { state: 'blocked', message: `${name}: ${state}` }, memory: cleared };
  return { verdict: domainVerdict(reply, server), memory: cleared };
}

/** A Ready pool: the verdict of the server's upgrade domain (the YAML's, checked against the answer's). */
function domainVerdict(reply: ReadinessReply, server: ServerSpec): Verdict {
  const name = 'lync2013-readiness';
  if (reply.domains.length === 0)
    return { state: 'go', message: `${name}: Ready (no upgrade domains in the answer)` };
  const domain = domainOf(reply.domains, server.name);
  const names = reply.domains.map((d) => d.name).join(', ');
  if (domain === null)
    return {
      state: 'blocked',
      message: `${name}: ${server.name} is in none of the pool's upgrade domains (${names}) as ${reply.cmdlet} lists them; is it a Front End of this pool? Check its name, or the pool's topology`,
    };
  if (
    server.upgradeDomain !== undefined &&
    caseless(server.upgradeDomain) !== caseless(domain.name)
  )
    return {
      state: 'blocked',
      message: `${name}: ${server.name} is declared in upgrade domain ${server.upgradeDomain}, but ${reply.cmdlet} puts it in ${domain.name}; correct its upgradeDomain`,
    };
  const where = `${server.name} is in upgrade domain ${domain.name}${server.upgradeDomain === undefined ? ' (as the pool reports it)' : ''}`;
  if (domain.ready === true)
    return { state: 'go', message: `${name}: Ready; ${where}, ReadyForUpgrade True` };
  return {
    state: 'wait',
    message: `${name}: Ready, but ${where}, ReadyForUpgrade ${domain.ready === false ? 'False' : 'not given'}; asked again`,
  };
}

/**
 * The fabric gate's verdict: no missing replica goes; missing replicas wait (Windows Fabric may rebuild them).
 * "If this cmdlet shows any missing replicas, then run … Reset-CsPoolRegistrarState -ResetType
 * QuorumLossRecovery" (Microsoft, "Patch or update Front End Servers in Skype for Business Server"): that is the
 * operator's decision; quiesce never runs it.
 */
export function fabricVerdict(reply: FabricReply, poolFqdn: string): Verdict {
  if (reply.missing.length === 0)
    return { state: 'go', message: `lync-fabric: no missing replicas in ${poolFqdn}` };
  const first = reply.missing[0]!;
  const more = reply.missing.length > 1 ? ` (and ${reply.missing.length - 1} more)` : '';
  return {
    state: 'wait',
    message: `lync-fabric: Get-CsPoolFabricState -PoolFqdn ${poolFqdn} shows missing replicas: ${first}${more}; asked again. Whether to run Reset-CsPoolRegistrarState -ResetType QuorumLossRecovery is the operator's decision: quiesce never runs it`,
  };
}
