// The file calls the step path makes, as promises over node:fs's callback API rather than node:fs/promises:
// no FileHandle object per open, so each call costs the event loop about half (8,000 small reads, 64 at a
// time: 560–835 → 300–440 ms) — at 10,000 servers the steps make tens of thousands of them.
import {
  close,
  fstat,
  mkdir,
  open,
  read,
  readFile,
  rename,
  stat,
  unlink,
  write,
  writev,
} from 'node:fs';
import { promisify } from 'node:util';

/** Opens a file: its descriptor. */
export const openFile = promisify(open);
/** Closes a descriptor. */
export const closeFile = promisify(close);
/** A descriptor's file information. */
export const fstatFile = promisify(fstat);
/** A path's file information. */
export const statPath = promisify(stat);
/** A path's file information with 64-bit numbers (inode, birth time in ns). */
export const statExact = (path: string) => statPath(path, { bigint: true });
/** Reads into a buffer at a position: `{ bytesRead }`. */
export const readAt = promisify(read);
const readFileAsync = promisify(readFile);
/** A file's whole text. */
export const readFileText = (path: string): Promise<string> => readFileAsync(path, 'utf8');
/** Renames (replacing the target on one file system). */
export const renamePath = promisify(rename);
/** Removes a file. */
export const unlinkFile = promisify(unlink);
/** Makes a folder and its parents. */
export const makeFolder = (path: string) => promisify(mkdir)(path, { recursive: true });

const writeAt = promisify(write);
const writevAt = promisify(writev);

/** Writes all of `parts` at the descriptor's position, in one writev(2) unless the system wrote less. */
export async function writeAll(fd: number, parts: readonly Uint8Array[]): Promise<void> {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  let written = (await writevAt(fd, parts as Uint8Array[])).bytesWritten;
  if (written === total) return;
  const rest = Buffer.concat(parts as Uint8Array[]);
  while (written < total)
    written += (await writeAt(fd, rest, written, total - written)).bytesWritten;
}
