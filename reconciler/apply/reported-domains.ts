// Upgrade domains as the pool reports them (the readiness gate's answer), for servers the YAML does not give one:
// the desired state the round is planned with carries them, so the upgradeDomain rule holds for those servers too.
import type { UpgradeDomainReply } from '../drivers/descriptor.ts';
import type { DesiredState, PoolSpec } from '../model.ts';
import { domainOf } from './lync-verdicts.ts';

/** Reported upgrade domains by pool, then server (as the pool declares it). */
export type ReportedDomains = Map<string, Map<string, string>>;

/** Records the domain of each of the pool's servers that `domains` lists (replacing what was reported before). */
export function reportDomains(
  reported: ReportedDomains,
  pool: PoolSpec,
  domains: readonly UpgradeDomainReply[],
): void {
  const byServer = new Map<string, string>();
  for (const server of pool.servers) {
    const domain = domainOf(domains, server.name);
    if (domain !== null) byServer.set(server.name, domain.name);
  }
  reported.set(pool.name, byServer);
}

/**
 * `desired` with each server that declares no upgradeDomain given the one its pool reported (pools under a Lync
 * quorum preset only: the upgradeDomain rule is theirs); the same object when nothing is added.
 */
export function withReportedDomains(
  desired: DesiredState,
  reported: ReportedDomains,
): DesiredState {
  if (reported.size === 0) return desired;
  let changed = false;
  const pools = desired.pools.map((pool) => {
    const byServer = reported.get(pool.name);
    if (byServer === undefined || pool.budget.kind !== 'quorum') return pool;
    let added = false;
    const servers = pool.servers.map((server) => {
      const domain = byServer.get(server.name);
      if (server.upgradeDomain !== undefined || domain === undefined) return server;
      added = true;
      return { ...server, upgradeDomain: domain };
    });
    if (!added) return pool;
    changed = true;
    return { ...pool, servers };
  });
  return changed ? { ...desired, pools } : desired;
}
