// The upgrade-domain rule: under a Lync quorum preset, servers of different upgrade domains are never out at
// once ("patch one upgrade domain at a time", Get-CsPoolUpgradeReadinessState, learn.microsoft.com
// /powershell/module/skype/get-cspoolupgradereadinessstate).
import type { PoolSpec, ServerSpec } from '../../model.ts';
import { drainCounts } from './fleet.ts';
import { ALLOWED, type PolicyRule } from './rule.ts';

/**
 * Blocks a drain of a server in one upgrade domain while a server of another is out (by the quorum's count:
 * RTCSRV not Running, unreachable, or drained by this plan). Servers without `upgradeDomain` are not constrained.
 */
export const upgradeDomain: PolicyRule = (drain) => {
  const { pool, server, fleet } = drain;
  const domain = server.upgradeDomain;
  if (pool.budget.kind !== 'quorum' || domain === undefined || !drainCounts(pool, server))
    return ALLOWED;
  if (fleet.reasons(drain.index) !== null) return ALLOWED;
  const other = pool.servers.find(
    (s, i) =>
      s.upgradeDomain !== undefined && s.upgradeDomain !== domain && fleet.reasons(i) !== null,
  );
  if (other === undefined) return ALLOWED;
  const index = pool.servers.indexOf(other);
  return {
    kind: 'blocked',
    rule: 'upgradeDomain',
    message: `draining ${server.name} (upgrade domain ${domain}) would take out a second upgrade domain: ${other.name} (upgrade domain ${other.upgradeDomain}) is out (${(fleet.reasons(index) ?? []).join(', ')}); one upgrade domain at a time`,
  };
};

/**
 * For a round's next drain: a server of another upgrade domain than `pool.servers[index]` that is out (`out`, by
 * index), or null. Only under a Lync quorum preset, and only when the server has an upgrade domain.
 */
export function otherDomainOut(
  pool: PoolSpec,
  index: number,
  out: readonly boolean[],
): ServerSpec | null {
  const domain = pool.servers[index]?.upgradeDomain;
  if (pool.budget.kind !== 'quorum' || domain === undefined) return null;
  return (
    pool.servers.find(
      (s, i) => out[i] === true && s.upgradeDomain !== undefined && s.upgradeDomain !== domain,
    ) ?? null
  );
}
