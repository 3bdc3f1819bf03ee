// Advisory-lock keys: two-int form (namespace, hash of the pool name), so pools never collide with other apps.
import { createHash } from 'node:crypto';

/** Namespaces (first int) of quiesce's advisory locks: 'quie', +1, +2, +3. */
export const LOCK_NAMESPACE = 0x71756965;
export const OWNER_NAMESPACE = LOCK_NAMESPACE + 1;
export const MIGRATE_NAMESPACE = LOCK_NAMESPACE + 2;
/** Every live watcher session holds (WATCHER_NAMESPACE, 0) shared: pg_locks counts the watchers. */
export const WATCHER_NAMESPACE = LOCK_NAMESPACE + 3;

/** The second int for a pool: 31 bits of SHA-256, non-negative so pg_locks.objid shows it as is. */
export function poolKey(pool: string): number {
  return createHash('sha256').update(pool).digest().readUInt32BE(0) & 0x7fffffff;
}
