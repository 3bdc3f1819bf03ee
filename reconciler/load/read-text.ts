// Reads one pool file as UTF-8 text, refusing oversize and non-UTF-8 files without reading them whole.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import type { LoadIssue } from '../errors.ts';
import { describeFsError } from './find-files.ts';
import { fileIssue, issueAt } from './issue.ts';
import { MAX_FILE_BYTES } from './limits.ts';
import { lineStarts, positionOf } from './positions.ts';

/**
 * The file's text (BOM removed), or why it cannot be used. At most MAX_FILE_BYTES are read.
 * Synchronous on purpose: pool files are small, and a blocking read is several times faster here.
 */
export function readText(file: string): Result<string, LoadIssue> {
  let bytes: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const { size } = fstatSync(fd);
      if (size > MAX_FILE_BYTES) return err(tooLarge(file, size));
      // One byte more than stat promised tells a file that grew meanwhile.
      const buffer = Buffer.allocUnsafe(size + 1);
      let filled = 0;
      for (;;) {
        const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buffer.length) break;
      }
      if (filled > size) {
        return err(fileIssue('io', file, 'file changed while being read', 'run quiesce again'));
      }
      bytes = buffer.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return err(fileIssue('io', file, `cannot read: ${describeFsError(error)}`));
  }
  return decode(file, bytes);
}

/** UTF-8 text of the bytes, or an issue at the first byte that is not UTF-8. */
export function decode(file: string, bytes: Buffer): Result<string, LoadIssue> {
  if (isUtf8(bytes)) {
    const text = bytes.toString('utf8');
    return ok(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const offset = Math.max(0, lenient.indexOf('\uFFFD'));
  const { line, column } = positionOf(lineStarts(lenient), offset);
  const hint = 'save it as UTF-8 (most editors: "Save with encoding")';
  return err(issueAt('encoding', file, line, column, 'file is not valid UTF-8', hint));
}

function tooLarge(file: string, size: number): LoadIssue {
  const mib = (size / 1024 / 1024).toFixed(1);
  return fileIssue(
    'too-large',
    file,
    `file is ${mib} MiB; pool files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
    'split the pools into several files',
  );
}
