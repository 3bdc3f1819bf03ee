// The audit log: one JSON line per executed step in <state-dir>/audit.jsonl.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DriverError } from '../errors.ts';
import type { Revision } from '../model.ts';
import type { Change } from '../plan/index.ts';

/** One executed step, as written to the audit log: the change (less its reason) and how it went. */
export interface AuditEntry extends Omit<Change, 'reason'> {
  time: string;
  revision: Revision | null;
  outcome: 'ok' | 'error';
  error: Pick<DriverError, 'kind' | 'message'> | null;
  durationMs: number;
}

/** Appends audit lines; each line is one write(2) with O_APPEND, so lines never interleave. */
export function auditLog(stateDir: string): (entry: AuditEntry) => void {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, 'audit.jsonl');
  return (entry) => appendFileSync(path, `${JSON.stringify(entry)}\n`);
}
