// Limits that keep a hostile or mistaken input from costing unbounded time or memory.

/** Largest pool file read, in bytes (4 MiB: ~40,000 servers in one file). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Most YAML nodes one document may expand to once aliases are followed. */
export const MAX_EXPANDED_NODES = 500_000;

/** Deepest nesting of YAML collections. */
export const MAX_DEPTH = 64;
