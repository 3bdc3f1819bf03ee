// The folder StateStore (--state-dir, default .quiesce): the embedded default, no setup.
import type { StateStore } from '../store.ts';
import { queryFolderAudit } from './audit-query.ts';
import { folderDrains } from './drains.ts';
import { folderLocks } from './lock-port.ts';
import { folderOwnership } from './ownership.ts';
import { folderRecords } from './records.ts';
import { folderSnapshots } from './snapshots.ts';
import { folderStatusAndAudit } from './status-port.ts';

/** A store in `dir`; `now` is handed in for heartbeats and record times. */
export function openFolderStore(dir: string, now: () => number = Date.now): StateStore {
  const locks = folderLocks(dir);
  const files = folderStatusAndAudit(dir);
  return {
    location: dir,
    acquireLock: locks.acquireLock,
    lockHolders: locks.lockHolders,
    async forceUnlock(pool, id, by) {
      const freed = await locks.forceUnlock(pool, id, by);
      if (freed.isErr()) return freed;
      const time = new Date(now()).toISOString();
      const audited = await files.appendAudit({
        time,
        pool,
        action: 'force-unlock',
        holder: freed.value,
        by,
      });
      return audited.map(() => freed.value);
    },
    ...files,
    queryAudit: (query) => queryFolderAudit(dir, query),
    ...folderDrains(dir),
    ...folderSnapshots(dir),
    ...folderOwnership(dir, now),
    ...folderRecords(dir, now),
    close: async () => {},
  };
}
