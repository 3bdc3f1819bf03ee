// Pool snapshots of the folder store: <state-dir>/snapshots/<pool>.json, replaced on every write.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { PoolSnapshot } from '../pool-snapshot.ts';
import { ioError, readJson, writeJsonAsync } from './json-file.ts';

/** Snapshots kept in one file per pool. */
export function folderSnapshots(dir: string) {
  const folder = join(dir, 'snapshots');
  const names = (): Result<string[], StateError> => {
    try {
      return ok(
        readdirSync(folder)
          .filter((name) => name.endsWith('.json'))
          .map((name) => name.slice(0, -'.json'.length)),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
      return err(ioError(folder, 'list', error));
    }
  };
  return {
    async saveSnapshot(snapshot: PoolSnapshot): Promise<Result<void, StateError>> {
      return writeJsonAsync(join(folder, `${snapshot.pool}.json`), snapshot);
    },
    async snapshots(pools?: readonly string[]): Promise<Result<PoolSnapshot[], StateError>> {
      const wanted = pools === undefined ? names() : ok([...pools]);
      if (wanted.isErr()) return err(wanted.error);
      const found: PoolSnapshot[] = [];
      for (const pool of [...wanted.value].sort()) {
        const snapshot = readJson<PoolSnapshot>(join(folder, `${pool}.json`));
        if (snapshot.isErr()) return err(snapshot.error);
        if (snapshot.value !== null) found.push(snapshot.value);
      }
      return ok(found);
    },
  };
}
