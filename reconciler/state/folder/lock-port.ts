// The folder store's pool locks behind the port: <state-dir>/locks/<pool>/lock (one lock file per pool).
import { type BigIntStats, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../../actor.ts';
import { type StateError, stateError } from '../../errors.ts';
import { readFileText, statExact, unlinkFile } from '../../fs-async.ts';
import { sleep } from '../../sleep.ts';
import { type Lease, type LockHolder, type LockRequest, lockedMessage } from '../lock.ts';
import {
  acquireLock,
  type LockFileIdentity,
  lockPath,
  type PreparedHolder,
  prepareHolder,
} from './lock.ts';
import { readHolder, removeIfOurs } from './lock-files.ts';
import { type LockFileHolder as FileHolder, parseHolder } from './lock-holder.ts';

/** Whether the file stat found is the lock file we made (the same device, inode and birth time). */
const sameFile = (now: BigIntStats, identity: LockFileIdentity) =>
  now.dev === identity.dev && now.ino === identity.ino && now.birthtimeNs === identity.birth;

const asHolder = (pool: string, h: FileHolder): LockHolder => ({
  pool,
  id: h.id,
  host: h.host,
  pid: h.pid,
  command: h.command,
  ciJobUrl: h.ciJobUrl ?? null,
  revision: h.revision ?? null,
  since: h.startedAt,
});

/** Pool locks in `dir`. */
export function folderLocks(dir: string) {
  const poolDir = (pool: string) => join(dir, 'locks', pool);
  const current = (pool: string) => {
    try {
      const holder = readHolder(lockPath(poolDir(pool)));
      return holder?.isOk() ? asHolder(pool, holder.value) : null;
    } catch {
      return null;
    }
  };
  /** The holder's id, read without blocking the event loop (null: no valid holder). */
  const currentId = async (pool: string) => {
    try {
      const holder = parseHolder(await readFileText(lockPath(poolDir(pool))));
      return holder.isOk() ? holder.value.id : null;
    } catch {
      return null;
    }
  };
  /**
   * The holder file of the locks taken in this turn of the event loop by the same holder: written and fsynced
   * once, linked for each, removed at the end of the turn (or as soon as a lock is refused). The locks of one
   * batch (apply's pools, taken over a few turns while it observes) keep one holder and id; a lock taken later
   * outside it (watch, a wait) gets a holder, and an id, of its own.
   */
  let burst: { key: string; batch: object | undefined; prepared: PreparedHolder } | null = null;
  const batches = new WeakMap<object, FileHolder>();
  const dropBurst = () => {
    const prepared = burst?.prepared;
    burst = null;
    if (prepared !== undefined)
      try {
        rmSync(prepared.file, { force: true });
      } catch {
        // a sweep removes it once this process is gone
      }
  };
  const preparedFor = (
    pool: string,
    command: string,
    about: Parameters<typeof prepareHolder>[3],
    batch: object | undefined,
  ) => {
    const key = JSON.stringify([command, about]);
    if (burst?.key === key && burst.batch === batch) return burst.prepared;
    dropBurst();
    const earlier = batch === undefined ? undefined : batches.get(batch);
    const made = prepareHolder(poolDir(pool), command, new Date(), about, earlier);
    if (made.isErr()) return undefined; // each lock writes its own holder file, as before
    if (batch !== undefined) batches.set(batch, made.value.holder);
    const mine = { key, batch, prepared: made.value };
    burst = mine;
    setImmediate(() => {
      if (burst === mine) dropBurst();
    });
    return made.value;
  };
  return {
    async acquireLock(request: LockRequest): Promise<Result<Lease, StateError>> {
      const { pool, actor } = request;
      const deadline = Date.now() + request.timeoutMs;
      for (;;) {
        const about = {
          host: actor.host,
          pid: actor.pid,
          ciJobUrl: actor.ciJobUrl,
          revision: request.revision,
        };
        const taken = acquireLock(
          poolDir(pool),
          actor.command,
          new Date(),
          about,
          preparedFor(pool, actor.command, about, request.batch),
        );
        if (taken.isOk()) {
          const holder = asHolder(pool, taken.value.holder);
          let released = false;
          // The fence before each step: one stat says whether the lock file is still the one we made (read
          // where the file system gives no identity); checks made while one is in flight share it.
          const { identity } = taken.value;
          const path = lockPath(poolDir(pool));
          const ours =
            identity === null
              ? async () => (await currentId(pool)) === holder.id
              : () =>
                  statExact(path).then(
                    (now) => sameFile(now, identity),
                    () => false,
                  );
          let reading: Promise<boolean> | null = null;
          const alive = () => {
            reading ??= ours().then((still) => {
              reading = null;
              return !released && still;
            });
            return reading;
          };
          return ok({
            holder,
            alive,
            async release() {
              // The lock is ours (as the fence tells), then its file is removed; both through the thread
              // pool, so that a run's 500 locks are released side by side.
              const before = released;
              released = true;
              const still = !before && (await ours());
              if (still)
                await unlinkFile(path).catch(() => {
                  // as the lock's own release: a file that cannot be removed is released by a takeover
                });
              return still
                ? ok(undefined)
                : err(stateError('LockLost', `lost the lock for pool ${pool} before releasing it`));
            },
          });
        }
        // Refused: the holder file is not left behind (the process may exit before the turn ends).
        dropBurst();
        const holder = current(pool);
        if (!taken.error.startsWith('another') || Date.now() >= deadline)
          return err(
            holder !== null && taken.error.startsWith('another')
              ? stateError('Locked', lockedMessage(holder))
              : stateError('Io', taken.error),
          );
        await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
      }
    },
    async lockHolders(): Promise<Result<LockHolder[], StateError>> {
      let pools: string[];
      try {
        pools = readdirSync(join(dir, 'locks')).sort();
      } catch {
        return ok([]);
      }
      return ok(pools.map(current).filter((h): h is LockHolder => h !== null));
    },
    async forceUnlock(
      pool: string,
      id: string,
      _by: Actor,
    ): Promise<Result<LockHolder, StateError>> {
      const holder = current(pool);
      if (holder === null || holder.id !== id)
        return err(
          stateError(
            'NoSuchLock',
            `pool ${pool} has no lock with id ${id}; quiesce status lists the locks held`,
          ),
        );
      removeIfOurs(lockPath(poolDir(pool)), id);
      return ok(holder);
    },
  };
}
