// The folder StateStore (--state-dir, default .quiesce): the embedded default, no setup.
import { auditedUnlock } from '../force-unlock.ts';
import { stepDrain } from '../step-drain.ts';
import type { StateStore } from '../store.ts';
import { queryFolderAudit } from './audit-query.ts';
import { folderDrains } from './drains.ts';
import { groupCommit } from './group-commit.ts';
import { folderLocks } from './lock-port.ts';
import { folderNotified } from './notified.ts';
import { folderOwnership } from './ownership.ts';
import { folderRecords } from './records.ts';
import { folderSnapshots } from './snapshots.ts';
import { folderStatusAndAudit } from './status-port.ts';
import { folderWatchGuard } from './watch-guard.ts';

/** A store in `dir`; `now` is handed in for heartbeats and record times. */
export function openFolderStore(dir: string, now: () => number = Date.now): StateStore {
  const locks = folderLocks(dir);
  const writer = groupCommit(dir);
  const files = folderStatusAndAudit(dir, writer);
  const drains = folderDrains(dir, writer);
  return {
    location: dir,
    acquireLock: locks.acquireLock,
    lockHolders: locks.lockHolders,
    forceUnlock: (pool, id, by) =>
      auditedUnlock(() => locks.forceUnlock(pool, id, by), files.appendAudit, pool, by, now()),
    ...files,
    queryAudit: (query) => queryFolderAudit(dir, query),
    recordStep: (record) => writer.recordStep(record, stepDrain(record)),
    ...drains,
    ...folderSnapshots(dir),
    ...folderOwnership(dir, now),
    ...folderRecords(dir, now),
    ...folderNotified(dir),
    ...folderWatchGuard(dir),
    close: async () => {},
  };
}
