// One apply per state dir: a lock file naming its holder; a holder that died is taken over safely.

import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';

/** Who holds the lock. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

/** Takes the lock, or says who holds it. The returned function releases it. */
export function acquireLock(
  stateDir: string,
  command: string,
  now = new Date(),
): Result<() => void, string> {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, 'lock');
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: now.toISOString(),
    command,
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return ok(() => rmSync(path, { force: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        return err(`cannot create lock ${path}: ${(error as Error).message}`);
    }
    const holder = readHolder(path);
    if (holder !== null && (holder.host !== me.host || alive(holder.pid))) {
      return err(
        `another ${holder.command} holds ${path}: pid ${holder.pid} on ${holder.host} since ${holder.startedAt}; ` +
          'wait for it to finish (if that process is gone from another host, delete the lock file)',
      );
    }
    // The holder died (or the file is torn): move it aside atomically; only one taker wins the rename.
    try {
      renameSync(path, `${path}.stale-${process.pid}-${attempt}`);
      rmSync(`${path}.stale-${process.pid}-${attempt}`, { force: true });
    } catch {
      // someone else took it over first; try again
    }
  }
  return err(`could not take ${path}; try again`);
}
