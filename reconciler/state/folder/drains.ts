// Drain records of the folder store: <state-dir>/drains/<pool>.json (written by the pool's lock holder).
import { join } from 'node:path';
import { ok, type Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { DrainRecord, ServiceKey } from '../drain-record.ts';
import { readJson, writeJson } from './json-file.ts';

const same = (a: ServiceKey, b: ServiceKey) =>
  a.pool === b.pool && a.server === b.server && a.service === b.service;

/** Drain records kept in one file per pool. */
export function folderDrains(dir: string) {
  const path = (pool: string) => join(dir, 'drains', `${pool}.json`);
  const read = (pool: string) => readJson<DrainRecord[]>(path(pool)).map((list) => list ?? []);
  return {
    async drains(pool: string): Promise<Result<DrainRecord[], StateError>> {
      return read(pool);
    },
    async recordDrain(record: DrainRecord): Promise<Result<void, StateError>> {
      const list = read(record.pool);
      if (list.isErr() || list.value.some((r) => same(r, record))) return list.map(() => undefined);
      const key = (r: DrainRecord) => `${r.server}\u0000${r.service}`;
      const next = [...list.value, record].sort((a, b) => (key(a) < key(b) ? -1 : 1));
      return writeJson(path(record.pool), next);
    },
    async clearDrain(key: ServiceKey): Promise<Result<void, StateError>> {
      const list = read(key.pool);
      if (list.isErr()) return list.map(() => undefined);
      if (!list.value.some((r) => same(r, key))) return ok(undefined);
      return writeJson(
        path(key.pool),
        list.value.filter((r) => !same(r, key)),
      );
    },
  };
}
