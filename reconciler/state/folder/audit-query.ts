// `history` over the folder store's audit log (<state-dir>/audit.jsonl): the index (audit.idx) says which
// lines can match, so only those are read and parsed; lines appended since are indexed on the way.
// Torn lines are skipped (readAudit reports them).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { type AuditQuery, type AuditRecord, matchesQuery } from '../../audit-record.ts';
import type { StateError } from '../../errors.ts';
import { auditPath } from './audit.ts';
import {
  type AuditIndex,
  CHECK,
  emptyIndex,
  entryReader,
  type IndexEntry,
  loadAuditIndex,
  NONE,
  saveAuditIndex,
  withEntries,
} from './audit-index.ts';
import { isEntry } from './audit-reader.ts';
import { ioError } from './json-file.ts';

/** Lines appended since the index was saved are indexed again on each query until they pass this size. */
const RESAVE_BYTES = 64 * 1024;

const bytesAt = (fd: number, from: number, to: number): Buffer => {
  const buffer = Buffer.alloc(Math.max(0, to - from));
  let done = 0;
  while (done < buffer.length) {
    const got = readSync(fd, buffer, done, buffer.length - done, from + done);
    if (got === 0) break;
    done += got;
  }
  return buffer.subarray(0, done);
};
const checksOf = (fd: number, covered: number) => ({
  head: bytesAt(fd, 0, Math.min(CHECK, covered)).toString('base64'),
  tail: bytesAt(fd, Math.max(0, covered - CHECK), covered).toString('base64'),
});

/** Whether audit.jsonl still starts, and continues up to `covered`, as when the index was saved. */
function stillDescribes(fd: number, ino: number, size: number, index: AuditIndex): boolean {
  if (size < index.covered || ino !== index.ino) return false;
  const now = checksOf(fd, index.covered);
  return now.head === index.head && now.tail === index.tail;
}

/** Indexes the whole lines after `index.covered`; returns the longer index and those lines' entries. */
function extend(fd: number, index: AuditIndex, size: number) {
  const text = bytesAt(fd, index.covered, size);
  const names = [...index.names];
  const ids = new Map(names.map((name, id) => [name, id]));
  const idOf = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.push(name) - 1;
      ids.set(name, id);
    }
    return id;
  };
  const entries: IndexEntry[] = [];
  const records: AuditRecord[] = [];
  let start = 0;
  for (let end = text.indexOf(0x0a); end !== -1; start = end + 1, end = text.indexOf(0x0a, start)) {
    let value: unknown;
    try {
      value = JSON.parse(text.toString('utf8', start, end));
    } catch {
      continue; // a torn line
    }
    if (!isEntry(value)) continue;
    records.push(value);
    const server = 'server' in value && typeof value.server === 'string' ? value.server : null;
    entries.push({
      offset: index.covered + start,
      length: end - start,
      time: Date.parse(value.time),
      pool: idOf(value.pool),
      server: server === null ? NONE : idOf(server),
    });
  }
  const covered = index.covered + start; // a last line still being written waits for the next query
  const longer = { ...withEntries(index, entries), ...checksOf(fd, covered), covered, names };
  return { index: longer, records };
}

/** The indexed records that match, read line by line from audit.jsonl. */
function fromIndex(fd: number, index: AuditIndex, query: AuditQuery): AuditRecord[] {
  const id = (name: string | undefined) => (name === undefined ? -1 : index.names.indexOf(name));
  const pool = id(query.pool);
  const server = id(query.server);
  if (pool === -1 && query.pool !== undefined) return [];
  if (server === -1 && query.server !== undefined) return [];
  const since = query.since === undefined ? null : Date.parse(query.since);
  const found: AuditRecord[] = [];
  const entry = entryReader(index);
  let line = Buffer.allocUnsafe(4096);
  for (let i = 0; i < index.count; i++) {
    if ((pool !== -1 && entry.pool(i) !== pool) || (server !== -1 && entry.server(i) !== server))
      continue;
    if (since !== null && !(entry.time(i) >= since)) continue;
    try {
      const length = entry.length(i);
      if (length > line.length) line = Buffer.allocUnsafe(length);
      const got = readSync(fd, line, 0, length, entry.offset(i));
      const record = JSON.parse(line.toString('utf8', 0, got));
      if (isEntry(record) && matchesQuery(record, query)) found.push(record);
    } catch {
      // the file changed under us; the next query rebuilds the index
    }
  }
  return found;
}

/** Records matching the query, in the order they were written (oldest first). */
export async function queryFolderAudit(
  dir: string,
  query: AuditQuery,
): Promise<Result<AuditRecord[], StateError>> {
  const path = auditPath(dir);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
    return err(ioError(path, 'read', error));
  }
  try {
    const { size, ino } = fstatSync(fd);
    const saved = loadAuditIndex(dir);
    const valid = saved !== null && stillDescribes(fd, ino, size, saved);
    const index: AuditIndex = valid ? saved : { ...emptyIndex(), ino };
    const found = fromIndex(fd, index, query);
    const added = extend(fd, index, size);
    found.push(...added.records.filter((record) => matchesQuery(record, query)));
    if (added.index.covered - index.covered > (valid ? RESAVE_BYTES : 0))
      saveAuditIndex(dir, added.index);
    return ok(found);
  } catch (error) {
    return err(ioError(path, 'read', error));
  } finally {
    closeSync(fd);
  }
}
