// What the loader says about a pool's list of targets as a whole: one services driver, at most one balancer.
import type { TargetBase } from '../drivers/descriptor.ts';
import { DRIVERS, driverOf } from '../drivers/registry.ts';

const withRole = (role: 'services' | 'loadBalancer') =>
  DRIVERS.filter((driver) => driver.role === role);

/** Why the targets are not exactly one services driver and at most one load balancer, or null. */
export function targetsProblem(
  targets: readonly TargetBase[],
): { message: string; hint: string } | null {
  const roles = targets.map((target) => driverOf(target).role);
  const count = (role: string) => roles.filter((r) => r === role).length;
  if (count('services') === 1 && count('loadBalancer') <= 1) return null;
  const services = withRole('services').map((driver) => driver.name);
  const balancers = withRole('loadBalancer');
  return {
    message: `spec.target needs exactly one services driver (${services.join(' or ')}) and at most one load balancer (${balancers.map((b) => b.name).join(' or ')}); found ${targets.map((t) => t.driver).join(', ')}`,
    hint: `list one services target, plus one ${balancers.map((b) => b.name).join(' or ')} target if the pool sits behind ${balancers.map((b) => b.title).join(' or ')}`,
  };
}
