// <state-dir>/status.json: where the fleet stands after each reconcile, written atomically.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from 'neverthrow';
import { saveFileAtomic } from '../atomic-file.ts';
import type { LoadIssue } from '../errors.ts';
import type { Revision } from '../model.ts';

/** A Flux-style condition. */
export interface Condition {
  type: 'Ready' | 'Reconciling' | 'Stalled';
  status: boolean;
  reason: string;
  message: string;
}

/** One pool's summary line in status.json. */
export interface PoolSummary {
  name: string;
  suspended: boolean;
  servers: number;
  draining: number;
  drained: number;
  sessions: number;
  changes: number;
  blocked: number;
  errors: number;
}

/** The whole status.json. */
export interface WatchStatus {
  formatVersion: 1;
  source: string;
  mode: 'apply' | 'monitor';
  lastAppliedRevision: (Revision & { at: string }) | null;
  lastAttemptedRevision: (Revision & { at: string; errors: LoadIssue[] }) | null;
  conditions: Condition[];
  pools: PoolSummary[];
  lastReconcile: { at: string; durationMs: number; executed: number } | null;
}

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
