// The folder store's status document and audit append behind the port (status.json, audit.jsonl).
import { ok, type Result } from 'neverthrow';
import { type StateError, stateError } from '../../errors.ts';
import type { groupCommit } from './group-commit.ts';
import { readStatus, type WatchStatus, writeStatus } from './status-file.ts';

/** status.json in `dir`, and audit.jsonl appended by `writer`. */
export function folderStatusAndAudit(dir: string, writer: ReturnType<typeof groupCommit>) {
  return {
    appendAudit: writer.appendAudit,
    async writeStatus(document: WatchStatus): Promise<Result<void, StateError>> {
      return writeStatus(dir, document).mapErr((message) => stateError('Io', message));
    },
    async readStatus(): Promise<Result<WatchStatus | null, StateError>> {
      return ok(readStatus(dir));
    },
  };
}
