// A pool's servers as the policy sees them: who is unavailable now and why, counting drains allowed so far.
import type { PoolSpec, ServerObservation, ServerSpec } from '../../model.ts';

/** The Front End service: under a Lync quorum preset, the one service that makes a server count. */
const FRONT_END = 'RTCSRV';

/**
 * Whether `service` counts towards a server's unavailability in `pool`: every managed service, except under a
 * quorum preset, where only the Front End service (RTCSRV) does when the pool manages it: a server whose only
 * drained service is another (RTCCAA) still serves the Front End and keeps the pool's quorum.
 */
export function countsForBudget(pool: Pick<PoolSpec, 'budget' | 'services'>, service: string) {
  if (pool.budget.kind !== 'quorum' || !pool.services.includes(FRONT_END)) return true;
  return service === FRONT_END;
}

/**
 * Whether draining `server` takes a counted service out: always, except under a Lync preset when the server
 * declares other services draining and its Front End service (RTCSRV) active (an override drain of RTCCAA
 * alone). A server declaring nothing draining is proposed whole (a round's next drain): it counts.
 */
export function drainCounts(pool: Pick<PoolSpec, 'budget' | 'services'>, server: ServerSpec) {
  if (countsForBudget(pool, '')) return true;
  const draining = server.services.filter((s) => s.mode === 'draining');
  return draining.length === 0 || draining.some((s) => countsForBudget(pool, s.name));
}

/** Why a server is unavailable now ("RTCSRV Paused", "unreachable"), or null when it is available. */
function unavailability(
  pool: PoolSpec,
  server: ServerSpec,
  observed: ServerObservation | undefined,
): string[] | null {
  if (observed === undefined) return ['not observed'];
  if (!observed.ok)
    return [observed.error.kind === 'Unreachable' ? 'unreachable' : observed.error.kind];
  let reasons: string[] | null = null;
  for (const service of observed.services) {
    const out = service.status !== 'Running' || service.down === true;
    if (!out || !server.services.some((s) => s.name === service.name)) continue;
    if (!countsForBudget(pool, service.name)) continue;
    reasons ??= [];
    reasons.push(`${service.name} ${service.down === true ? 'down' : service.status}`);
  }
  return reasons;
}

/** What a rule may read about the pool's servers. */
export interface PoolFleetView {
  /** The pool's observations by server name (undefined when the pool was not observed). */
  readonly observed: ReadonlyMap<string, ServerObservation> | undefined;
  /** Why the server at `index` is unavailable, or null when it is available. */
  reasons(index: number): readonly string[] | null;
  /** How many of the first `scope` servers are unavailable. */
  unavailableIn(scope: number): number;
  /** `fact(pool)`, worked out once per pool and plan rather than once per drain (the function is the key). */
  once<T>(fact: (pool: PoolSpec) => T): T;
}

/** The planner's fleet view of one pool; it records each drain it lets through with `markDraining`. */
export class PoolFleet implements PoolFleetView {
  private readonly down: (string[] | null)[];
  /** Unavailable counts by scope, kept up to date as drains are marked. */
  private readonly counts = new Map<number, number>();
  private readonly facts = new Map<(pool: PoolSpec) => unknown, unknown>();

  constructor(
    private readonly pool: PoolSpec,
    readonly observed: ReadonlyMap<string, ServerObservation> | undefined,
  ) {
    this.down = pool.servers.map((server) =>
      unavailability(pool, server, observed?.get(server.name)),
    );
  }

  reasons(index: number): readonly string[] | null {
    return this.down[index] ?? null;
  }

  unavailableIn(scope: number): number {
    let count = this.counts.get(scope);
    if (count === undefined) {
      count = 0;
      for (let i = 0; i < scope && i < this.down.length; i++) if (this.down[i] !== null) count++;
      this.counts.set(scope, count);
    }
    return count;
  }

  once<T>(fact: (pool: PoolSpec) => T): T {
    if (this.facts.has(fact)) return this.facts.get(fact) as T;
    const value = fact(this.pool);
    this.facts.set(fact, value);
    return value;
  }

  /** The server at `index` is being drained by this plan: from now on it counts as unavailable (if it counts). */
  markDraining(index: number): void {
    const server = this.pool.servers[index];
    if (this.down[index] !== null || server === undefined || !drainCounts(this.pool, server))
      return;
    this.down[index] = ['draining'];
    for (const [scope, count] of this.counts) if (index < scope) this.counts.set(scope, count + 1);
  }
}
