// Keyed records of the folder store: <state-dir>/records/<kind>/<key>.json (key URI-encoded).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { StateError } from '../../errors.ts';
import type { KeyedRecord } from '../keyed-record.ts';
import { ioError, readJson, writeJsonAsync } from './json-file.ts';

/** Keyed records, one file each. */
export function folderRecords(dir: string, now: () => number) {
  const folder = (kind: string) => join(dir, 'records', encodeURIComponent(kind));
  const path = (kind: string, key: string) => join(folder(kind), `${encodeURIComponent(key)}.json`);
  return {
    async putRecord(kind: string, key: string, value: unknown): Promise<Result<void, StateError>> {
      const record: KeyedRecord = { kind, key, value, updated: new Date(now()).toISOString() };
      return writeJsonAsync(path(kind, key), record);
    },
    async getRecord(kind: string, key: string): Promise<Result<KeyedRecord | null, StateError>> {
      return readJson<KeyedRecord>(path(kind, key));
    },
    async listRecords(kind: string): Promise<Result<KeyedRecord[], StateError>> {
      let files: string[];
      try {
        files = readdirSync(folder(kind)).filter((name) => name.endsWith('.json'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
        return err(ioError(folder(kind), 'list', error));
      }
      const records: KeyedRecord[] = [];
      for (const file of files) {
        const record = readJson<KeyedRecord>(join(folder(kind), file));
        if (record.isErr()) return err(record.error);
        if (record.value !== null) records.push(record.value);
      }
      return ok(records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
    },
    async deleteRecord(kind: string, key: string): Promise<Result<void, StateError>> {
      try {
        rmSync(path(kind, key), { force: true });
        return ok(undefined);
      } catch (error) {
        return err(ioError(path(kind, key), 'delete', error));
      }
    },
  };
}
