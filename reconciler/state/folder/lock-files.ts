// Small file primitives the lock is built on: read a holder, publish a file only if the name is free, sleep.
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import type { Result } from 'neverthrow';
import { type LockFileHolder, parseHolder } from './lock-holder.ts';

/** The holder in `path`; null when the file is gone; err(reason) when it names no valid holder. */
export function readHolder(path: string): Result<LockFileHolder, string> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseHolder(text);
}

/** Creates `path` (which must not exist) holding `text`, flushed to disk so a reboot never finds it empty. */
export function writeNew(path: string, text: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Hard-links the complete file `from` as `to`: true if published, false if `to` exists (atomic, never partial). */
export function publish(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Removes the file `path` (one unlink; gone already is fine). */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Removes `path` if it still names holder `id` (never someone else's file). */
export function removeIfOurs(path: string, id: string): void {
  const holder = readHolder(path);
  if (holder?.isOk() && holder.value.id === id) removeFile(path);
}

/** True if `pid` is a running process on this host. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (the lock is taken before anything else runs). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
