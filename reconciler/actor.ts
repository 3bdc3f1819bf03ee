// Who is acting on the store: a process on a host, run by a command, maybe inside a CI job; and who holds a lock.

/** A process that takes locks, writes records or watches pools; handed in by the CLI (no env read here). */
export interface Actor {
  host: string;
  pid: number;
  /** `apply`, `watch`, `unlock`… */
  command: string;
  /** The CI job's own URL (from the CI's variables), or null outside CI. */
  ciJobUrl: string | null;
  /** The user the process runs as (audit records name it; locks do not store it). */
  user?: string | null;
}

/** `apply on runner-7 (pid 4242), job https://…`: an actor in one phrase. */
export function describeActor(actor: Actor): string {
  const job = actor.ciJobUrl === null ? '' : `, job ${actor.ciJobUrl}`;
  return `${actor.command} on ${actor.host} (pid ${actor.pid})${job}`;
}

/** The holder of a pool's lock, as stored beside it. */
export interface LockHolder extends Actor {
  pool: string;
  /** Unique per acquisition: what `quiesce unlock POOL --force --id ID` names. */
  id: string;
  /** The desired-state revision being applied, when known. */
  revision: string | null;
  /** ISO time the lock was taken. */
  since: string;
}
