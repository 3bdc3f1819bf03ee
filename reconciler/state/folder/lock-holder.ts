// What a lock file holds: the holder's unique id, pid, host, start time and command; anything else is invalid.
import { err, ok, type Result } from 'neverthrow';

/** Who holds the lock. `id` is unique per acquisition (a pid can be reused; an id cannot). */
export interface LockFileHolder {
  id: string;
  pid: number;
  host: string;
  startedAt: string;
  command: string;
  /** The CI job's URL and the revision being applied, when known. */
  ciJobUrl?: string | null;
  revision?: string | null;
}

const ID = /^[A-Za-z0-9-]{8,64}$/;

/** The holder in a lock file's text, or why the text names no valid holder. */
export function parseHolder(text: string): Result<LockFileHolder, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err(text.trim() === '' ? 'it is empty' : 'it is not JSON (truncated or damaged)');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return err('it is not a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !ID.test(v.id)) return err('it has no valid holder id');
  if (typeof v.pid !== 'number' || !Number.isSafeInteger(v.pid) || v.pid <= 0)
    return err(`its pid ${JSON.stringify(v.pid) ?? 'is missing'} is not a positive integer`);
  if (typeof v.host !== 'string' || v.host === '') return err('it has no host');
  if (typeof v.startedAt !== 'string') return err('it has no start time');
  if (typeof v.command !== 'string') return err('it has no command');
  const optional = (x: unknown) => (typeof x === 'string' ? x : null);
  return ok({
    id: v.id,
    pid: v.pid,
    host: v.host,
    startedAt: v.startedAt,
    command: v.command,
    ciJobUrl: optional(v.ciJobUrl),
    revision: optional(v.revision),
  });
}
