// What `quiesce doctor` found about one target or server: one check, how it went, and what to do about it.

/** How a check went: fine, worth knowing, or in the way of an apply. */
export type FindingLevel = 'ok' | 'note' | 'fail';

/** The checks doctor runs, in the order it reports them for a server. */
export type FindingCheck =
  | 'driver'
  | 'host-key'
  | 'reach'
  | 'powershell'
  | 'service'
  | 'counter'
  | 'lync'
  | 'rights'
  | 'clock';

/** One finding: where (pool, server), which check, how it went, what was seen, and what to do. */
export interface Finding {
  pool: string;
  /** null: about the pool's target as a whole. */
  server: string | null;
  check: FindingCheck;
  level: FindingLevel;
  message: string;
  /** What to do about it; null when nothing needs doing. */
  fix: string | null;
}

/** A finding, with `fix` null unless given. */
export function finding(
  pool: string,
  server: string | null,
  check: FindingCheck,
  level: FindingLevel,
  message: string,
  fix: string | null = null,
): Finding {
  return { pool, server, check, level, message, fix };
}
