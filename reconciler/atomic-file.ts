// Writes a file so that readers see the old content or the new, never part of it, even after a crash.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
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
    return err(fsErrorMessage('write', path, error));
  }
}

/** saveFileAtomic without blocking the event loop: the same guarantees, the same one-line error. */
export async function saveFileAtomicAsync(
  path: string,
  text: string | Uint8Array,
): Promise<Result<void, string>> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, path);
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
