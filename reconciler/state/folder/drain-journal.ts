// Drain records of the folder store: a snapshot (<pool>.json) and an append-only journal (<pool>.jsonl) of changes.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { saveFileAtomicAsync } from '../../atomic-file.ts';
import { type StateError, stateError } from '../../errors.ts';
import { readFileText } from '../../fs-async.ts';
import type { DrainRecord, ServiceKey } from '../drain-record.ts';
import { ioError } from './json-file.ts';

/** One journal line: a drain opened (an earlier open of the same service wins) or closed. */
export type DrainChange = { open: DrainRecord } | { close: ServiceKey };

/** The snapshot and journal paths of a pool's drain records. */
export function drainPaths(dir: string, pool: string) {
  return {
    snapshot: join(dir, 'drains', `${pool}.json`),
    journal: join(dir, 'drains', `${pool}.jsonl`),
  };
}

const keyOf = (r: ServiceKey) => `${r.server}\u0000${r.service}`;

/** Pure: the records after the changes, sorted by server and service (replaying a change twice changes nothing). */
export function replay(records: DrainRecord[], changes: DrainChange[]): DrainRecord[] {
  const open = new Map(records.map((r) => [keyOf(r), r]));
  for (const change of changes) {
    if ('open' in change) {
      if (!open.has(keyOf(change.open))) open.set(keyOf(change.open), change.open);
    } else open.delete(keyOf(change.close));
  }
  return [...open.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
}

/** Pure: journal text → changes; a line torn by a crash (not JSON, or no change) is skipped. */
export function parseJournal(text: string): DrainChange[] {
  const changes: DrainChange[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const change = JSON.parse(line) as DrainChange;
      if (typeof change === 'object' && change !== null && ('open' in change || 'close' in change))
        changes.push(change);
    } catch {
      // torn by a crash mid-append: the change never counted as made
    }
  }
  return changes;
}

async function readText(path: string): Promise<Result<string | null, StateError>> {
  try {
    return ok(await readFileText(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    return err(ioError(path, 'read', error));
  }
}

/**
 * The pool's open drains. The journal is read before the snapshot: a compaction between the two reads
 * leaves a snapshot that already holds the journal read, and replaying a change twice changes nothing.
 */
export async function readDrains(
  dir: string,
  pool: string,
): Promise<Result<DrainRecord[], StateError>> {
  const paths = drainPaths(dir, pool);
  const journal = await readText(paths.journal);
  if (journal.isErr()) return err(journal.error);
  const snapshot = await readText(paths.snapshot);
  if (snapshot.isErr()) return err(snapshot.error);
  let records: DrainRecord[] = [];
  if (snapshot.value !== null) {
    try {
      records = JSON.parse(snapshot.value) as DrainRecord[];
    } catch (error) {
      return err(
        stateError(
          'Io',
          `${paths.snapshot} is not valid JSON (${(error as Error).message}); delete it to start afresh`,
        ),
      );
    }
  }
  return ok(replay(records, parseJournal(journal.value ?? '')));
}

/**
 * Folds the journal into the snapshot (written atomically), then removes the journal; only the pool's lock
 * holder, the one writer, calls it, between its appends. A crash in between leaves both: still the same records.
 */
export async function compactDrains(dir: string, pool: string): Promise<Result<void, StateError>> {
  const paths = drainPaths(dir, pool);
  const records = await readDrains(dir, pool);
  if (records.isErr()) return err(records.error);
  const saved = await saveFileAtomicAsync(
    paths.snapshot,
    `${JSON.stringify(records.value, null, 2)}\n`,
  );
  if (saved.isErr()) return err(stateError('Io', saved.error));
  try {
    await rm(paths.journal, { force: true });
    return ok(undefined);
  } catch (error) {
    return err(ioError(paths.journal, 'remove', error));
  }
}
