// Force-unlock, audited: the same in every store.
import type { Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import type { StateError } from '../errors.ts';
import type { LockHolder } from './lock.ts';
import type { AuditStore } from './store.ts';

/** Runs a store's own unlock, then appends the force-unlock record naming both sides. */
export async function auditedUnlock(
  unlock: () => Promise<Result<LockHolder, StateError>>,
  audit: AuditStore['appendAudit'],
  pool: string,
  by: Actor,
  now: number,
): Promise<Result<LockHolder, StateError>> {
  const freed = await unlock();
  if (freed.isErr()) return freed;
  const time = new Date(now).toISOString();
  const audited = await audit({ time, pool, action: 'force-unlock', holder: freed.value, by });
  return audited.map(() => freed.value);
}
