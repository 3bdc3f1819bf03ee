// Reads one pool file as text (UTF-8, or UTF-16 with a BOM), refusing oversize and other files without reading them whole.
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

/** What Windows PowerShell 5.1's `Out-File` and `>` write, and how to fix it. */
export const UTF16_MESSAGE =
  "this file is UTF-16 (as Windows PowerShell's Out-File writes it); save it as UTF-8: `Out-File -Encoding utf8`";
const UTF16_HINT = 'or, in an editor, "Save with encoding" UTF-8';

/**
 * The text of the bytes: UTF-8 (a BOM removed), or UTF-16 LE/BE with its BOM (what Windows PowerShell
 * 5.1's `Out-File` and `>` write); UTF-16 without a BOM is refused with how to fix it, and any other
 * bytes with the position of the first one that is not UTF-8.
 */
export function decode(file: string, bytes: Buffer): Result<string, LoadIssue> {
  const utf16 = utf16Bom(bytes);
  if (utf16 !== null) {
    const body = bytes.subarray(2);
    if (body.length % 2 === 0) {
      try {
        return ok(new TextDecoder(utf16, { fatal: true }).decode(body));
      } catch {
        // Not valid UTF-16 after all (a lone surrogate): refused below like any other bytes.
      }
    }
    return err(
      issueAt('encoding', file, 1, 1, `${UTF16_MESSAGE} (it is not valid UTF-16)`, UTF16_HINT),
    );
  }
  if (isUtf8(bytes) && !looksUtf16(bytes)) {
    const text = bytes.toString('utf8');
    return ok(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }
  if (looksUtf16(bytes)) return err(issueAt('encoding', file, 1, 1, UTF16_MESSAGE, UTF16_HINT));
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const offset = Math.max(0, lenient.indexOf('\uFFFD'));
  const { line, column } = positionOf(lineStarts(lenient), offset);
  const hint = 'save it as UTF-8 (most editors: "Save with encoding")';
  return err(issueAt('encoding', file, line, column, 'file is not valid UTF-8', hint));
}

/** The UTF-16 byte order its BOM names, or null. */
function utf16Bom(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a BOM: YAML is mostly ASCII, so every other byte of its first ones is zero. */
function looksUtf16(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 64) & ~1;
  if (n < 2) return false;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  return evenZero === half || oddZero === half;
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
