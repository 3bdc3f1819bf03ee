// `history` over the folder store's audit log (<state-dir>/audit.jsonl); a torn last line is skipped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import { type AuditQuery, type AuditRecord, matchesQuery } from '../audit-record.ts';
import { ioError } from './json-file.ts';

/** Path of the audit log in a state dir. */
export const auditPath = (dir: string) => join(dir, 'audit.jsonl');

/** Records matching the query, in the order they were written (oldest first). */
export async function queryFolderAudit(
  dir: string,
  query: AuditQuery,
): Promise<Result<AuditRecord[], StateError>> {
  let text: string;
  try {
    text = readFileSync(auditPath(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
    return err(ioError(auditPath(dir), 'read', error));
  }
  // Cheap text prefilter before parsing: most lines of a long log are other pools' or servers'.
  const needles = [query.pool, query.server]
    .filter((v): v is string => v !== undefined)
    .map((v) => JSON.stringify(v));
  const found: AuditRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || needles.some((needle) => !line.includes(needle))) continue;
    let record: AuditRecord;
    try {
      record = JSON.parse(line) as AuditRecord;
    } catch {
      continue; // a line torn by a crash mid-write
    }
    if (matchesQuery(record, query)) found.push(record);
  }
  return ok(found);
}
