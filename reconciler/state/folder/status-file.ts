// <state-dir>/status.json: where the fleet stands after each reconcile, written atomically.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from 'neverthrow';
import { saveFileAtomic } from '../../atomic-file.ts';
import type { WatchStatus } from '../../status/types.ts';

export type { Condition, PoolSummary, WatchStatus } from '../../status/types.ts';

/** Path of status.json in a state dir. */
export const statusPath = (stateDir: string) => join(stateDir, 'status.json');

/** The status last written, or null. */
export function readStatus(stateDir: string): WatchStatus | null {
  try {
    return JSON.parse(readFileSync(statusPath(stateDir), 'utf8')) as WatchStatus;
  } catch {
    return null;
  }
}

/** Writes status.json so readers see the old file or the new one, never part of one; err(one line) on failure. */
export function writeStatus(stateDir: string, status: WatchStatus): Result<void, string> {
  return saveFileAtomic(
    statusPath(stateDir),
    `${JSON.stringify(status, null, 2)}
`,
  );
}
