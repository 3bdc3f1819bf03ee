// `history` over the folder store's audit log (<state-dir>/audit.jsonl); torn lines are skipped.
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import { type AuditQuery, type AuditRecord, matchesQuery } from '../audit-record.ts';
import { auditPath } from './audit.ts';
import { parseAudit } from './audit-reader.ts';
import { ioError } from './json-file.ts';

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
  const lines =
    needles.length === 0
      ? text
      : text
          .split('\n')
          .filter((line) => needles.every((needle) => line.includes(needle)))
          .join('\n');
  return ok(parseAudit(lines).entries.filter((record) => matchesQuery(record, query)));
}
