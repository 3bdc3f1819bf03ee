// history: the audit records that match a query, from the store.
import { existsSync } from 'node:fs';
import { err, type Result } from 'neverthrow';
import {
  type AuditQuery,
  type AuditRecord,
  type ChangeRecordQuery,
  matchesChangeRecord,
} from '../audit-record.ts';
import { type EngineError, fromState } from '../errors.ts';
import type { EngineConfig } from './config.ts';
import { openStore } from './open-engine.ts';

/** The audit records matching `query` (the store filters) and `change` (reason, operator: filtered here), oldest first. */
export async function history(
  config: EngineConfig,
  query: AuditQuery,
  change: ChangeRecordQuery = {},
): Promise<Result<AuditRecord[], EngineError>> {
  // A folder that is not there holds no history: most likely a mistyped --state-dir, never "no records".
  if ('folder' in config.store && !existsSync(config.store.folder))
    return err({
      kind: 'BadStateDir',
      message: `no state folder at ${config.store.folder}: nothing was ever recorded there; check --state-dir (or --state for PostgreSQL)`,
    });
  const store = await openStore(config);
  if (store.isErr()) return err(store.error);
  try {
    return (await store.value.queryAudit(query))
      .map((records) => records.filter((r) => matchesChangeRecord(r, change)))
      .mapErr(fromState);
  } finally {
    await store.value.close();
  }
}
