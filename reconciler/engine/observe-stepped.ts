// After a run: observe again only the servers it stepped, and keep the pass's observations of the rest.
import { observeAll } from '../apply/observe-all.ts';
import type { DesiredState, Observations, ServerObservation } from '../model.ts';
import type { Engine } from './open-engine.ts';

/** The key of one server of one pool in `stepped`. */
export const serverKey = (pool: string, server: string) => `${pool}\u0000${server}`;

/**
 * `observed` with each server in `stepped` observed afresh (one driver call each, at the engine's
 * concurrency); a server the run did not step keeps its observation from the start of the pass.
 */
export async function observeStepped(
  engine: Pick<Engine, 'drivers'>,
  desired: DesiredState,
  observed: Observations,
  stepped: ReadonlySet<string>,
  concurrency: number,
  retry: Parameters<typeof observeAll>[3],
): Promise<Observations> {
  const some: DesiredState = {
    ...desired,
    pools: desired.pools
      .map((pool) => ({
        ...pool,
        servers: pool.servers.filter((s) => stepped.has(serverKey(pool.name, s.name))),
      }))
      .filter((pool) => pool.servers.length > 0),
  };
  const fresh = await observeAll(some, engine.drivers, concurrency, retry);
  const merged: Observations = new Map(observed);
  for (const [pool, servers] of fresh) {
    const before = observed.get(pool) ?? new Map();
    merged.set(
      pool,
      new Map([...before].map(([server, seen]) => [server, servers.get(server) ?? seen])),
    );
    for (const [server, seen] of servers)
      if (!before.has(server)) merged.get(pool)?.set(server, seen);
  }
  return merged;
}

/** `observed` with each server in `left` (pool, server, its read-back after its last step) put in. */
export function withReadBacks(
  observed: Observations,
  left: ReadonlyMap<string, { pool: string; server: string; seen: ServerObservation }>,
): Observations {
  const merged: Observations = new Map(observed);
  const copied = new Set<string>(); // each pool's map copied once, not once per server
  for (const { pool, server, seen } of left.values()) {
    if (!copied.has(pool)) {
      merged.set(pool, new Map(merged.get(pool) ?? []));
      copied.add(pool);
    }
    merged.get(pool)?.set(server, seen);
  }
  return merged;
}
