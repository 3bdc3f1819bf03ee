// Appends lines to a file without blocking the event loop: one write(2) with O_APPEND, never glued to a torn line.
import { dirname } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { closeFile, fstatFile, makeFolder, openFile, readAt, writeAll } from '../../fs-async.ts';

/**
 * Where this process's last append left each file (inode and size): a file still ending there ends with
 * that append's newline, so its last byte need not be read again. Anything else (another writer, a crash,
 * a compaction, another file in its place) is checked as before.
 */
const ends = new Map<string, { ino: number; size: number }>();

/** Opens `path` for appending; its folder is made only when it is missing (not on every append). */
async function openForAppend(path: string): Promise<number> {
  try {
    return await openFile(path, 'a+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await makeFolder(dirname(path));
    return openFile(path, 'a+');
  }
}

/**
 * Appends `text` (whole lines, each ending in a newline) in one write, after a newline if the file ends
 * mid-line (a crash tore its last line). Resolves with the file's size after the write, or the error thrown.
 */
export async function appendLines(path: string, text: string): Promise<Result<number, unknown>> {
  try {
    const fd = await openForAppend(path);
    try {
      const { size, ino } = await fstatFile(fd);
      const known = ends.get(path);
      const last = Buffer.alloc(1);
      const torn =
        size > 0 &&
        !(known?.ino === ino && known.size === size) &&
        (await readAt(fd, last, 0, 1, size - 1)).bytesRead === 1 &&
        last[0] !== 0x0a;
      const bytes = Buffer.from(`${torn ? '\n' : ''}${text}`);
      await writeAll(fd, [bytes]);
      ends.set(path, { ino, size: size + bytes.length });
      return ok(size + bytes.length);
    } finally {
      await closeFile(fd);
    }
  } catch (error) {
    ends.delete(path);
    return err(error);
  }
}
