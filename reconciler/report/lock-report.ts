// The locks held on the pools `status` shows: who holds each (host, pid, command, CI job), since when, its id.
import { describeActor, type LockHolder } from '../actor.ts';

/** `Locks held:` then one line per lock; nothing when none is held. */
export function lockLines(locks: readonly LockHolder[]): string {
  if (locks.length === 0) return '';
  const lines = locks.map(
    (l) =>
      `  ${l.pool}  held by ${describeActor(l)} since ${l.since}, lock id ${l.id}${l.revision === null ? '' : `, revision ${l.revision}`}\n`,
  );
  return `Locks held (quiesce unlock POOL --force --id ID releases one whose holder is gone):\n${lines.join('')}`;
}

/** The locks as `status --output json` carries them. */
export const locksJson = (locks: readonly LockHolder[]) =>
  locks.map(({ pool, id, host, pid, command, ciJobUrl, revision, since }) => ({
    pool,
    id,
    holder: { host, pid, command, ciJobUrl },
    revision,
    since,
  }));
