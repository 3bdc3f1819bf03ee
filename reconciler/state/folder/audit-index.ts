// audit.idx: an index of audit.jsonl for `history` (where each entry's line is, its pool, server and time),
// a cache rebuilt when missing or when audit.jsonl no longer starts and continues as it describes.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { saveFileAtomic } from '../../atomic-file.ts';

/** Path of the index in a state dir. */
export const auditIndexPath = (stateDir: string) => join(stateDir, 'audit.idx');

const VERSION = 1;
/** Bytes per entry: offset f64, time f64, then u32 length, pool id, server id, spare (machine byte order). */
const ENTRY = 32;
/** Bytes compared at the start of audit.jsonl and just before the end of what is indexed (a few lines). */
export const CHECK = 1024;
/** Server id of an entry without a server (a force-unlock). */
export const NONE = 0xffffffff;

/** One indexed line of audit.jsonl. */
export interface IndexEntry {
  offset: number;
  length: number;
  /** Date.parse of the entry's time (NaN when unreadable: such entries never pass --since). */
  time: number;
  pool: number;
  server: number;
}

/** The index: the bytes of audit.jsonl it covers, names by id, a checksum of the covered text, the entries. */
export interface AuditIndex {
  covered: number;
  /** The inode of audit.jsonl (a log replaced by a new file is not the one indexed). */
  ino: number;
  /** Base64 of the first CHECK bytes and of the CHECK bytes before `covered`. */
  head: string;
  tail: string;
  names: string[];
  count: number;
  /** `count` entries of ENTRY bytes. */
  table: ArrayBuffer;
}

/** An index of nothing. */
export const emptyIndex = (): AuditIndex => ({
  covered: 0,
  ino: 0,
  head: '',
  tail: '',
  names: [],
  count: 0,
  table: new ArrayBuffer(0),
});

/** Reads entry `i` of the index. */
export function entryReader(index: AuditIndex) {
  const f64 = new Float64Array(index.table);
  const u32 = new Uint32Array(index.table);
  return {
    offset: (i: number) => f64[i * 4] as number,
    time: (i: number) => f64[i * 4 + 1] as number,
    length: (i: number) => u32[i * 8 + 4] as number,
    pool: (i: number) => u32[i * 8 + 5] as number,
    server: (i: number) => u32[i * 8 + 6] as number,
  };
}

/** The index with `entries` appended. */
export function withEntries(index: AuditIndex, entries: readonly IndexEntry[]): AuditIndex {
  const table = new ArrayBuffer((index.count + entries.length) * ENTRY);
  new Uint8Array(table).set(new Uint8Array(index.table));
  const f64 = new Float64Array(table);
  const u32 = new Uint32Array(table);
  entries.forEach((entry, k) => {
    const i = index.count + k;
    f64[i * 4] = entry.offset;
    f64[i * 4 + 1] = entry.time;
    u32[i * 8 + 4] = entry.length;
    u32[i * 8 + 5] = entry.pool;
    u32[i * 8 + 6] = entry.server;
  });
  return { ...index, count: index.count + entries.length, table };
}

/** The saved index, or null when there is none or it cannot be read. */
export function loadAuditIndex(stateDir: string): AuditIndex | null {
  let fd: number | null = null;
  try {
    fd = openSync(auditIndexPath(stateDir), 'r');
    const size = fstatSync(fd).size;
    const start = Buffer.alloc(4);
    readSync(fd, start, 0, 4, 0);
    const headerLength = start.readUInt32LE(0);
    const text = Buffer.alloc(headerLength);
    readSync(fd, text, 0, headerLength, 4);
    const header = JSON.parse(text.toString('utf8'));
    const bodyLength = size - 4 - headerLength;
    if (header.version !== VERSION || bodyLength < 0 || bodyLength % ENTRY !== 0) return null;
    const table = new ArrayBuffer(bodyLength); // read straight into memory aligned for the typed arrays
    const view = new Uint8Array(table);
    for (let done = 0; done < bodyLength; ) {
      const got = readSync(fd, view, done, bodyLength - done, 4 + headerLength + done);
      if (got === 0) return null;
      done += got;
    }
    const { covered, ino, head, tail, names } = header;
    return { covered, ino, head, tail, names, count: bodyLength / ENTRY, table };
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Saves the index (readers see the old one or the new one); a state dir that cannot be written keeps none. */
export function saveAuditIndex(stateDir: string, index: AuditIndex): void {
  const { covered, ino, head, tail, names } = index;
  const header = Buffer.from(JSON.stringify({ version: VERSION, covered, ino, head, tail, names }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  // Only a cache: when it cannot be written, the next history reads audit.jsonl in full again.
  saveFileAtomic(
    auditIndexPath(stateDir),
    Buffer.concat([length, header, new Uint8Array(index.table)]),
  );
}
