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
  let bytes: Buffer;
  try {
    bytes = readFileSync(auditPath(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
    return err(ioError(auditPath(dir), 'read', error));
  }
  // Without parsing every line: jump from one occurrence of the first filter to the next and keep
  // the lines that hold every filter (most lines of a long log are other pools' or servers').
  const needles = [query.pool, query.server]
    .filter((v): v is string => v !== undefined)
    .map((v) => JSON.stringify(v));
  const [first] = needles;
  let lines: string;
  if (first === undefined) lines = bytes.toString('utf8');
  else {
    // Search the bytes and decode only the lines that match (decoding 35 MB costs more than reading it).
    const kept: string[] = [];
    for (let at = bytes.indexOf(first); at !== -1; ) {
      const start = bytes.lastIndexOf(0x0a, at) + 1;
      const newline = bytes.indexOf(0x0a, at);
      const end = newline === -1 ? bytes.length : newline;
      const line = bytes.toString('utf8', start, end);
      if (needles.every((needle) => line.includes(needle))) kept.push(line);
      at = newline === -1 ? -1 : bytes.indexOf(first, end);
    }
    lines = kept.join('\n');
  }
  return ok(parseAudit(lines).entries.filter((record) => matchesQuery(record, query)));
}
