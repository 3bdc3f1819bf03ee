// unlock: release a pool's lock whose holder cannot be reached (audited by the store).
import { err, type Result } from 'neverthrow';
import { type EngineError, fromState } from '../errors.ts';
import type { LockHolder } from '../state/lock.ts';
import type { EngineConfig } from './config.ts';
import { openStore } from './open-engine.ts';

/** Releases the lock of `pool` with id `id` as config.actor; the holder it had. */
export async function unlock(
  config: EngineConfig,
  pool: string,
  id: string,
): Promise<Result<LockHolder, EngineError>> {
  const store = await openStore(config);
  if (store.isErr()) return err(store.error);
  try {
    return (await store.value.forceUnlock(pool, id, config.actor)).mapErr(fromState);
  } finally {
    await store.value.close();
  }
}
