// The DNS rule (DESIGN §4): features that keep their sessions through a drain only with DNS load balancing.
import type { PoolSpec } from '../../model.ts';
import { ALLOWED, type PolicyRule } from './rule.ts';

/** Services whose features rely on DNS load balancing, and what users lose without it. */
export const DNS_DEPENDENT: Record<string, string> = {
  RTCCAA: 'Conferencing Attendant',
  RTCCAS: 'Conferencing Announcement',
  RTCRGS: 'Response Group',
  RTCCPS: 'Call Park and Announcement',
};

/** Why draining a server of `pool` would drop sessions, or null when it would not. */
export function dnsRuleViolation(pool: PoolSpec): string | null {
  if (pool.loadBalancing === 'dns' || pool.drain.allowSessionLoss) return null;
  const features = pool.services
    .filter((service) => Object.hasOwn(DNS_DEPENDENT, service))
    .map((s) => `${DNS_DEPENDENT[s]} (${s})`);
  if (features.length === 0) return null;
  return (
    `pool uses ${pool.loadBalancing} load balancing, so sessions of ${features.join(', ')} cannot be re-routed ` +
    'and drop when the server goes offline; set spec.drain.allowSessionLoss: true to accept that'
  );
}

/** Blocks a drain that would drop sessions of DNS-dependent features (rule dns-load-balancing). */
export const dnsLoadBalancing: PolicyRule = ({ server, fleet }) => {
  const violation = fleet.once(dnsRuleViolation);
  if (violation === null) return ALLOWED;
  return {
    kind: 'blocked',
    rule: 'dns-load-balancing',
    message: `draining ${server.name}: ${violation}`,
  };
};
