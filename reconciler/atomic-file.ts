// Writes a file so that readers see the old content or the new, never part of it, even after a crash.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { closeFile, makeFolder, openFile, renamePath, writeAll } from './fs-async.ts';
import { fsErrorMessage } from './fs-error.ts';

/**
 * Writes `text` to a temporary file beside `path`, then renames it over `path` (atomic on one file system).
 * On failure the temporary file is removed, `path` is unchanged, and the error is one line naming the path.
 */
export function saveFileAtomic(path: string, text: string | Uint8Array): Result<void, string> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
    return ok(undefined);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the temporary file was never created where it cannot be removed
    }
    return err(fsErrorMessage('write', path, inTheWay(path, error)));
  }
}

/** This process's temporary names: its pid, a random tag (hosts sharing a folder) and a count. */
const tempTag = `${process.pid}.${randomBytes(4).toString('hex')}`;
let temps = 0;

/** Writes `content` (a text, bytes, or bytes in parts: one writev) to a new file at `temp`. */
async function writeNew(temp: string, content: string | Uint8Array | readonly Uint8Array[]) {
  const parts =
    typeof content === 'string'
      ? [Buffer.from(content)]
      : content instanceof Uint8Array
        ? [content]
        : content;
  const fd = await openFile(temp, 'w');
  try {
    await writeAll(fd, parts);
  } finally {
    await closeFile(fd);
  }
}

/**
 * Folders this process's async writes made (or found): a burst of writes into a new folder (500 snapshots of a
 * first run) makes it once, instead of each write failing, making it and writing again. One that cannot be made
 * fails the write, which names why.
 */
const folders = new Map<string, Promise<unknown>>();

function folderOf(dir: string): Promise<unknown> {
  let made = folders.get(dir);
  if (made === undefined) {
    made = makeFolder(dir).catch(() => undefined);
    folders.set(dir, made);
  }
  return made;
}

/**
 * saveFileAtomic without blocking the event loop: the same guarantees, the same one-line error. `content` may
 * be bytes in parts, written as one file (a pool's simulated fleet keeps each server's bytes). The folder is
 * made once per process (folderOf), and again only when it went missing since.
 */
export async function saveFileAtomicAsync(
  path: string,
  content: string | Uint8Array | readonly Uint8Array[],
): Promise<Result<void, string>> {
  const temp = `${path}.${tempTag}.${temps++}.tmp`;
  try {
    await folderOf(dirname(path));
    try {
      await writeNew(temp, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await makeFolder(dirname(path));
      await writeNew(temp, content);
    }
    await renamePath(temp, path);
    return ok(undefined);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {
      // the temporary file was never created where it cannot be removed
    });
    return err(fsErrorMessage('write', path, error));
  }
}

/** saveFileAtomic for callers that treat a failed write as fatal: throws an Error whose message is that line. */
export function writeFileAtomic(path: string, text: string): void {
  const saved = saveFileAtomic(path, text);
  if (saved.isErr()) throw new Error(saved.error);
}

/**
 * The error as Linux names it when something is in the way: Windows reports a directory where the file goes
 * as EPERM (MoveFileEx: ERROR_ACCESS_DENIED) and a file where a directory goes as ENOENT
 * (ERROR_PATH_NOT_FOUND; https://learn.microsoft.com/windows/win32/debug/system-error-codes--0-499-),
 * which would send the user looking for permissions or a missing folder.
 */
export function inTheWay(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EPERM' || code === 'EACCES') {
    if (kindOf(path) === 'dir') return Object.assign(new Error(String(error)), { code: 'EISDIR' });
  } else if (code === 'ENOENT') {
    for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
      const kind = kindOf(dir);
      if (kind === 'file') return Object.assign(new Error(String(error)), { code: 'ENOTDIR' });
      if (kind === 'dir') break;
    }
  }
  return error;
}

function kindOf(path: string): 'file' | 'dir' | null {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}
