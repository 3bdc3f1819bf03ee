// One apply per state dir: a lock file naming its holder, published whole; a holder that died is taken over safely.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { fsErrorMessage } from '../../fs-error.ts';
import { alive, publish, readHolder, removeIfOurs, sleepSync, writeNew } from './lock-files.ts';
import type { LockFileHolder } from './lock-holder.ts';
import { takeOver } from './lock-takeover.ts';

/**
 * Which file a lock file is: device, inode and birth time (ns). A lock taken over or removed is another file
 * or none, and an inode number used again is born again, so one stat tells whether the lock is still ours.
 */
export interface LockFileIdentity {
  dev: bigint;
  ino: bigint;
  birth: bigint;
}

/** A held lock: who we are, and how to give it back (only ever removes our own lock). */
export interface HeldLock {
  holder: LockFileHolder;
  /** The lock file's identity; null where the file system gives no birth time (then the fence reads the file). */
  identity: LockFileIdentity | null;
  release(): void;
}

/** The identity of the file at `path` (which we created), or null when the file system cannot give one. */
export function identityOf(path: string): LockFileIdentity | null {
  try {
    const info = statSync(path, { bigint: true });
    return info.ino > 0n && info.birthtimeNs > 0n
      ? { dev: info.dev, ino: info.ino, birth: info.birthtimeNs }
      : null;
  } catch {
    return null;
  }
}

/** A holder file already written and flushed: the locks one command takes at once all link it. */
export interface PreparedHolder {
  holder: LockFileHolder;
  file: string;
}

/** The holder a lock taken now names. */
const holderOf = (
  command: string,
  now: Date,
  about: Partial<Pick<LockFileHolder, 'host' | 'pid' | 'ciJobUrl' | 'revision'>>,
): LockFileHolder => ({
  id: randomUUID(),
  pid: process.pid,
  host: hostname(),
  startedAt: now.toISOString(),
  command,
  ...about,
});

/**
 * Writes (and fsyncs) one holder file in `dir` for several locks: each lock then costs a hard link, not a
 * write and an fsync (500 pools: one fsync, not 500). Named `lock.*`, so a sweep removes it if we die.
 */
export function prepareHolder(
  dir: string,
  command: string,
  now = new Date(),
  about: Partial<Pick<LockFileHolder, 'host' | 'pid' | 'ciJobUrl' | 'revision'>> = {},
  holder: LockFileHolder = holderOf(command, now, about),
): Result<PreparedHolder, string> {
  const file = join(dir, `lock.${holder.id}.holder.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeNew(file, JSON.stringify(holder));
    return ok({ holder, file });
  } catch (error) {
    quietly(() => rmSync(file, { force: true }));
    return err(fsErrorMessage('write the lock holder', file, error));
  }
}

/** Hard-links `from` as `to`: false when `from` is gone. */
function linked(from: string, to: string): boolean {
  try {
    return publish(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Path of the lock file in a state dir. */
export const lockPath = (stateDir: string) => join(stateDir, 'lock');

/** Removes holder files and takeover markers left by processes of this host that died. */
function sweep(dir: string, host: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('lock.')) continue;
    const holder = readHolder(join(dir, name));
    if (holder?.isOk() && holder.value.host === host && !alive(holder.value.pid))
      rmSync(join(dir, name), { force: true });
  }
}

/** Runs best-effort cleanup: a failure here must not hide the result it follows. */
function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // nothing more to do: the caller reports the outcome that matters
  }
}

function heldBy(path: string, holder: LockFileHolder, host: string): string {
  const who = `another ${holder.command} holds ${path} (id ${holder.id}, pid ${holder.pid} on ${holder.host} since ${holder.startedAt})`;
  return holder.host === host
    ? `${who}; wait for it to finish`
    : `${who}; wait for it to finish (if that process is gone from ${holder.host}, delete the lock file)`;
}

function takeLock(
  dir: string,
  path: string,
  me: LockFileHolder,
  mine: string,
): Result<void, string> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (publish(mine, path)) return ok(undefined);
    const holder = readHolder(path);
    if (holder === null) continue; // released meanwhile
    if (holder.isErr())
      return err(
        `${path} names no lock holder: ${holder.error}. quiesce never writes such a file; if no quiesce apply or watch uses ${dir}, delete it and run again`,
      );
    if (holder.value.host !== me.host || alive(holder.value.pid))
      return err(heldBy(path, holder.value, me.host));
    const taken = takeOver(dir, holder.value, me, mine);
    if (taken === 'won') return ok(undefined);
    if (taken === 'busy') sleepSync(5);
  }
  return err(`could not take ${path}: other processes kept taking it over; run again`);
}

/** Takes the lock, or says who holds it (or why its file is unusable); `prepared`: the holder file to link. */
export function acquireLock(
  stateDir: string,
  command: string,
  now = new Date(),
  about: Partial<Pick<LockFileHolder, 'host' | 'pid' | 'ciJobUrl' | 'revision'>> = {},
  prepared?: PreparedHolder,
): Result<HeldLock, string> {
  const path = lockPath(stateDir);
  const me: LockFileHolder = prepared?.holder ?? holderOf(command, now, about);
  const mine = join(stateDir, `lock.${me.id}.tmp`);
  try {
    mkdirSync(stateDir, { recursive: true });
  } catch (error) {
    return err(fsErrorMessage('create the state dir', stateDir, error));
  }
  let taken: Result<void, string>;
  let identity: LockFileIdentity | null = null;
  try {
    // The prepared file may be gone (its folder removed meanwhile): then this lock writes its own.
    if (prepared === undefined || !linked(prepared.file, mine)) writeNew(mine, JSON.stringify(me));
    // `mine` becomes the lock file (linked, or renamed over a dead holder's): the same file, so its identity.
    identity = identityOf(mine);
    taken = takeLock(stateDir, path, me, mine);
  } catch (error) {
    taken = err(fsErrorMessage('take the lock', path, error));
  }
  quietly(() => rmSync(mine, { force: true }));
  if (taken.isErr()) return err(taken.error);
  quietly(() => sweep(stateDir, me.host));
  return ok({ holder: me, identity, release: () => quietly(() => removeIfOurs(path, me.id)) });
}
