// The audit log: one JSON line per executed step in <state-dir>/audit.jsonl (appended by group-commit.ts).
import { join } from 'node:path';

export type { AuditEntry } from '../../audit-record.ts';

/** Path of the audit log in a state dir. */
export const auditPath = (stateDir: string) => join(stateDir, 'audit.jsonl');
