// Appends lines to a file without blocking the event loop: one write(2) with O_APPEND, never glued to a torn line.
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { err, ok, type Result } from 'neverthrow';

/**
 * Appends `text` (whole lines, each ending in a newline) in one write, after a newline if the file ends
 * mid-line (a crash tore its last line). Resolves with the file's size after the write, or the error thrown.
 */
export async function appendLines(path: string, text: string): Promise<Result<number, unknown>> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(path, 'a+');
    try {
      const { size } = await file.stat();
      const last = Buffer.alloc(1);
      const torn =
        size > 0 && (await file.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] !== 0x0a;
      const bytes = Buffer.from(`${torn ? '\n' : ''}${text}`);
      await file.write(bytes);
      return ok(size + bytes.length);
    } finally {
      await file.close();
    }
  } catch (error) {
    return err(error);
  }
}
