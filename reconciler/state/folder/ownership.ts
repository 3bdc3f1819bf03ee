// Watcher ownership in the folder store: <state-dir>/owners/<pool>.json with a heartbeat. A watcher
// whose heartbeat is older than STALE_MS (or whose pid is gone on this host) loses its pools.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { Actor } from '../../actor.ts';
import type { StateError } from '../../errors.ts';
import type { Ownership, WatcherSession } from '../ownership.ts';
import { ioError, readJson, writeJson } from './json-file.ts';

/** A heartbeat older than this frees the pool (watchers beat on every ≤ 5 s claim). */
export const STALE_MS = 10_000;

interface OwnerFile extends Ownership {
  heartbeat: number;
}

function processGone(owner: OwnerFile): boolean {
  if (owner.watcher.host !== hostname()) return false;
  try {
    process.kill(owner.watcher.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Whether an owner file still counts. */
const live = (owner: OwnerFile, now: number) =>
  now - owner.heartbeat <= STALE_MS && !processGone(owner);

/** Ownership kept in one file per pool. */
export function folderOwnership(dir: string, now: () => number) {
  const folder = join(dir, 'owners');
  const path = (pool: string) => join(folder, `${pool}.json`);

  /** Takes a free or stale pool under a mkdir mutex, so two takers never both win. */
  function take(pool: string, mine: OwnerFile): Result<boolean, StateError> {
    const mutex = join(folder, `${pool}.taking`);
    try {
      mkdirSync(mutex);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        return err(ioError(mutex, 'create', error));
      try {
        if (now() - statSync(mutex).mtimeMs > STALE_MS) rmdirSync(mutex);
      } catch {}
      return ok(false);
    }
    try {
      const current = readJson<OwnerFile>(path(pool));
      if (current.isErr()) return err(current.error);
      if (current.value !== null && live(current.value, now())) return ok(false);
      return writeJson(path(pool), mine).map(() => true);
    } finally {
      rmdirSync(mutex);
    }
  }

  return {
    async openWatcher(actor: Actor): Promise<Result<WatcherSession, StateError>> {
      try {
        mkdirSync(folder, { recursive: true });
      } catch (error) {
        return err(ioError(folder, 'create', error));
      }
      const id = randomUUID();
      const owned = new Map<string, string>();
      return ok({
        id,
        async claim(pools) {
          const wanted = new Set(pools);
          for (const pool of [...owned.keys()].filter((p) => !wanted.has(p))) {
            rmSync(path(pool), { force: true });
            owned.delete(pool);
          }
          for (const pool of pools) {
            const mine: OwnerFile = {
              pool,
              watcher: { ...actor, id },
              since: owned.get(pool) ?? new Date(now()).toISOString(),
              heartbeat: now(),
            };
            const current = readJson<OwnerFile>(path(pool));
            if (current.isErr()) return err(current.error);
            if (current.value?.watcher.id === id) {
              const beat = writeJson(path(pool), mine);
              if (beat.isErr()) return err(beat.error);
              continue;
            }
            owned.delete(pool);
            if (current.value !== null && live(current.value, now())) continue;
            const taken = take(pool, mine);
            if (taken.isErr()) return err(taken.error);
            if (taken.value) owned.set(pool, mine.since);
          }
          return ok([...owned.keys()].sort());
        },
        alive: async () => true,
        async close() {
          for (const pool of owned.keys()) rmSync(path(pool), { force: true });
          owned.clear();
        },
      });
    },
    async owners(): Promise<Result<Ownership[], StateError>> {
      let files: string[];
      try {
        files = readdirSync(folder).filter((name) => name.endsWith('.json'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
        return err(ioError(folder, 'list', error));
      }
      const list: Ownership[] = [];
      for (const file of files.sort()) {
        const owner = readJson<OwnerFile>(join(folder, file));
        if (owner.isOk() && owner.value !== null && live(owner.value, now()))
          list.push({
            pool: owner.value.pool,
            watcher: owner.value.watcher,
            since: owner.value.since,
          });
      }
      return ok(list);
    },
  };
}
