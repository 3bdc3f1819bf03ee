// Generic keyed records (rollout phases of maintenance nights, DESIGN §9, will live here).

/** A JSON value stored under (kind, key); the last write wins. */
export interface KeyedRecord {
  kind: string;
  key: string;
  value: unknown;
  /** ISO time of the last write. */
  updated: string;
}
