// Generic keyed records: round records of maintenance nights (docs/design.md §9), pool views, notification memory.

/** A JSON value stored under (kind, key); the last write wins. */
export interface KeyedRecord {
  kind: string;
  key: string;
  value: unknown;
  /** ISO time of the last write. */
  updated: string;
}
