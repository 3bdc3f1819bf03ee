// DESIGN §4: features that keep their sessions through a drain only with DNS load balancing.
import type { PoolSpec } from '../model.ts';

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
