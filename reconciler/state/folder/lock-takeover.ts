// Taking over a lock whose holder died, so that two takers, or a taker and a fresh acquirer, never both win.
//
// To replace a lock naming dead holder D, a taker must first publish `lock.takeover.<D.id>` (exclusive).
// If that marker exists and its owner W died too, the taker follows it to `lock.takeover.<W.id>`, and so on:
// every taker reading the same dead holder competes for the same last marker, and exactly one wins it.
// The winner then checks that the lock still names a holder on the chain it followed (ids are never reused,
// so a lock that moved on never comes back) and renames its own holder file over the lock.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { alive, publish, readHolder, removeIfOurs } from './lock-files.ts';
import type { LockFileHolder } from './lock-holder.ts';

/** How a takeover went: we hold the lock, someone else is taking it over now, or the lock moved on. */
export type Takeover = 'won' | 'busy' | 'lost';

const marker = (dir: string, id: string) => join(dir, `lock.takeover.${id}`);

/** Replaces the lock naming `dead` (a holder that died on this host) with our holder file `mine`. */
export function takeOver(
  dir: string,
  dead: LockFileHolder,
  me: LockFileHolder,
  mine: string,
): Takeover {
  const chain = [dead.id];
  for (;;) {
    const head = chain[chain.length - 1] as string;
    if (publish(mine, marker(dir, head))) break;
    const owner = readHolder(marker(dir, head));
    if (owner === null) continue; // the marker went away: try again
    if (owner.isErr() || alive(owner.value.pid)) return 'busy';
    if (chain.includes(owner.value.id)) return 'busy';
    chain.push(owner.value.id);
  }
  const head = chain[chain.length - 1] as string;
  const current = readHolder(join(dir, 'lock'));
  if (!current?.isOk() || !chain.includes(current.value.id)) {
    removeIfOurs(marker(dir, head), me.id);
    return 'lost';
  }
  renameSync(mine, join(dir, 'lock'));
  for (const id of chain) rmSync(marker(dir, id), { force: true });
  return 'won';
}
