// Counts the synchronous node:fs calls (readFileSync, renameSync, …) made while a body runs.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

/** Runs `body` with every `*Sync` function of node:fs counted by name (ESM imports included); the counts. */
export async function countSyncFs(body: () => Promise<void>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const originals = new Map<string, unknown>();
  const table = fs as unknown as Record<string, unknown>;
  for (const name of Object.keys(table).filter((n) => n.endsWith('Sync'))) {
    const original = table[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    table[name] = (...args: unknown[]) => {
      counts[name] = (counts[name] ?? 0) + 1;
      return original(...args);
    };
  }
  syncBuiltinESMExports();
  try {
    await body();
  } finally {
    for (const [name, original] of originals) table[name] = original;
    syncBuiltinESMExports();
  }
  return counts;
}
