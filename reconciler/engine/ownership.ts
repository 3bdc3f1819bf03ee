// Watch ownership: the desired state narrowed to the pools this watcher owns in the store and whose
// pool lock it holds (so an apply of the same pool waits or names the watcher), and a takeover tick
// that claims pools nobody holds (a dead watcher's pools within one tick). Where the store counts the
// watchers, each holds at most its share (pools ÷ watchers, rounded up), so N watchers split the pools.

import type { Actor } from '../actor.ts';
import type { DesiredSource } from '../loop/index.ts';
import type { DesiredState } from '../model.ts';
import type { Lease } from '../state/lock.ts';
import type { WatcherSession } from '../state/ownership.ts';
import type { LockStore } from '../state/store.ts';

/** A source that claims the read pools and keeps only those owned and locked; `tick` re-claims and wakes the loop. */
export function ownedSource(
  source: DesiredSource,
  session: WatcherSession,
  locks: LockStore,
  actor: Actor,
  warn: (message: string) => void,
) {
  let pools: string[] = [];
  let owned = '';
  let wake: (() => void) | null = null;
  const leases = new Map<string, Lease>();
  let lastDesired: DesiredState | null = null;
  const warned = new Set<string>();
  let last: Promise<unknown> = Promise.resolve();
  /** One claim at a time (the read and the tick may overlap). */
  const claim = (): Promise<string[]> => {
    const next = last.then(claimNow);
    last = next.catch(() => {});
    return next;
  };
  /** This watcher's share of the pools (watchers alive on the store, this one included), if the store counts them. */
  const share = async (): Promise<number | undefined> => {
    if (session.watchers === undefined) return undefined;
    const count = await session.watchers();
    if (count.isErr()) return undefined; // the claim meets the same error and reports it
    return Math.ceil(pools.length / Math.max(1, count.value));
  };
  /** Claims ownership, then holds the pool lock of each owned pool; returns the pools held. */
  const claimNow = async (): Promise<string[]> => {
    const got = await session.claim(pools, await share());
    if (got.isErr()) {
      warn(got.error.message);
      return [];
    }
    const mine = new Set(got.value);
    for (const [pool, lease] of leases)
      if (!mine.has(pool) || !(await lease.alive())) {
        await lease.release();
        leases.delete(pool);
      }
    for (const pool of mine) {
      if (leases.has(pool)) continue;
      const lease = await locks.acquireLock({ pool, actor, revision: null, timeoutMs: 0 });
      if (lease.isOk()) {
        leases.set(pool, lease.value);
        warned.delete(pool);
      } else if (!warned.has(pool)) {
        warned.add(pool);
        warn(`skipping pool ${pool} while it is locked: ${lease.error.message}`);
      }
    }
    return [...leases.keys()].sort();
  };
  return {
    source: {
      describe: source.describe,
      watchPath: source.watchPath,
      async read() {
        const read = await source.read();
        if (read.kind !== 'valid') return read;
        pools = read.desired.pools.filter((p) => !p.suspend).map((p) => p.name);
        const held = await claim();
        owned = held.join(',');
        const mine = new Set(held);
        const desired = {
          ...read.desired,
          pools: read.desired.pools.filter((p) => p.suspend || mine.has(p.name)),
        };
        lastDesired = desired;
        return { ...read, desired };
      },
    } satisfies DesiredSource,
    /** The desired state of the last valid read (the owned pools). */
    lastDesired: () => lastDesired,
    /** Receives the loop's wake-up. */
    wake: (request: () => void) => {
      wake = request;
    },
    /** The takeover tick: when the pools held change, ask for a reconcile. */
    async tick() {
      if (pools.length === 0) return;
      if ((await claim()).join(',') !== owned) wake?.();
    },
    /** The fence before each step of a pool: still owned (the watcher session is alive) and still locked. */
    async fence(pool: string): Promise<boolean> {
      const lease = leases.get(pool);
      return lease !== undefined && (await session.alive()) && (await lease.alive());
    },
    /** Lets go of every pool lock. */
    async close() {
      for (const lease of leases.values()) await lease.release();
      leases.clear();
    },
  };
}
