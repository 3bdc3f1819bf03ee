// What is true of the fleet right now that someone may want to hear about, one fact per (object, reason). Pure.
import type { FleetView } from '../report/fleet-view.ts';
import type { Fact, FactReason } from '../status/notified.ts';

export type { Fact, FactReason } from '../status/notified.ts';

/** Facts that are problems: when one clears, a Recovered event follows. */
export const PROBLEMS: ReadonlySet<FactReason> = new Set([
  'Stalled',
  'Blocked',
  'HookFailed',
  'ValidationFailed',
  'DriverErrors',
]);

/**
 * Every fact of a view: ValidationFailed, then per pool Blocked, DriverErrors and HookFailed per server,
 * Stalled and Drained per server, and MaintenanceDone once the pool's round is done.
 */
export function factsOf(view: FleetView): Fact[] {
  const facts: Fact[] = [];
  const attempted = view.lastAttemptedRevision;
  if (attempted !== null && attempted.errors.length > 0) {
    const first = attempted.errors[0];
    facts.push({
      reason: 'ValidationFailed',
      pool: null,
      server: null,
      object: 'revision',
      message: `${attempted.id} is invalid (${attempted.errors.length} problem${attempted.errors.length === 1 ? '' : 's'}; first: ${first?.file}:${first?.line}:${first?.column} ${first?.message}); the last good revision stays in force`,
      revision: attempted.id,
    });
  }
  const revision = view.lastAppliedRevision?.id ?? '';
  for (const pool of view.pools) {
    const fact = (reason: FactReason, server: string, message: string) =>
      facts.push({
        reason,
        pool: pool.name,
        server,
        object: `${pool.name}/${server}`,
        message,
        revision,
      });
    for (const blocked of pool.blocked) fact('Blocked', blocked.server, blocked.message);
    const errors = new Map<string, string[]>();
    for (const error of pool.errors) {
      if (error.kind === 'HookFailed') {
        fact('HookFailed', error.server, error.message);
        continue;
      }
      errors.set(error.server, [
        ...(errors.get(error.server) ?? []),
        `${error.service === null ? '' : `${error.service} `}${error.kind}: ${error.message}`,
      ]);
    }
    for (const [server, messages] of errors) fact('DriverErrors', server, messages.join('; '));
    for (const server of pool.servers) {
      const draining = server.services.filter((s) => s.desired === 'draining');
      const stalled = draining.filter((s) => s.health === 'Stalled');
      if (stalled.length > 0)
        fact(
          'Stalled',
          server.name,
          `${server.name}: drain passed its timeout with ${stalled.map((s) => `${s.name} ${s.sessions ?? '?'} sessions`).join(', ')} left`,
        );
      if (draining.length > 0 && draining.every((s) => s.health === 'Drained'))
        fact(
          'Drained',
          server.name,
          `${server.name} is drained: ${draining.map((s) => s.name).join(', ')} ${draining.length === 1 ? 'has' : 'have'} no sessions left${server.reason === null ? '' : ` (${server.reason})`}`,
        );
    }
    const round = pool.rollout;
    if (round?.state === 'done')
      facts.push({
        reason: 'MaintenanceDone',
        pool: pool.name,
        server: null,
        object: `${pool.name}/${round.id}`,
        message: `maintenance ${round.id} of pool ${pool.name} is done: ${round.message}`,
        revision,
      });
  }
  return facts;
}
