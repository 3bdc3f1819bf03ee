// The folder StateStore (--state-dir, default .quiesce): the embedded default, no setup.
// Lock, audit append and status.json join here from apply/ and loop/ (issue 10's move).
import type { StateStore } from '../store.ts';
import { queryFolderAudit } from './audit-query.ts';
import { folderDrains } from './drains.ts';
import { folderOwnership } from './ownership.ts';
import { folderRecords } from './records.ts';
import { folderSnapshots } from './snapshots.ts';

/** What the folder store implements so far (lock, audit append and status still live in apply/ and loop/). */
export type FolderStoreParts = Omit<
  StateStore,
  'acquireLock' | 'lockHolders' | 'forceUnlock' | 'appendAudit' | 'writeStatus' | 'readStatus'
>;

/** A store in `dir`; `now` is handed in for heartbeats and record times. */
export function openFolderStore(dir: string, now: () => number = Date.now): FolderStoreParts {
  return {
    location: dir,
    queryAudit: (query) => queryFolderAudit(dir, query),
    ...folderDrains(dir),
    ...folderSnapshots(dir),
    ...folderOwnership(dir, now),
    ...folderRecords(dir, now),
    close: async () => {},
  };
}
