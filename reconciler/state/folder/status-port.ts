// The folder store's status document and audit append behind the port (status.json, audit.jsonl).
import { err, ok, type Result } from 'neverthrow';
import type { AuditRecord } from '../../audit-record.ts';
import { type StateError, stateError } from '../../errors.ts';
import { auditLog } from './audit.ts';
import { readStatus, type WatchStatus, writeStatus } from './status-file.ts';

/** status.json and audit.jsonl in `dir`. */
export function folderStatusAndAudit(dir: string) {
  let failure: string | null = null;
  const append = auditLog(dir, (message) => {
    failure = message;
  });
  return {
    async appendAudit(record: AuditRecord): Promise<Result<void, StateError>> {
      failure = null;
      append(record);
      return failure === null ? ok(undefined) : err(stateError('Io', failure));
    },
    async writeStatus(document: WatchStatus): Promise<Result<void, StateError>> {
      return writeStatus(dir, document).mapErr((message) => stateError('Io', message));
    },
    async readStatus(): Promise<Result<WatchStatus | null, StateError>> {
      return ok(readStatus(dir));
    },
  };
}
