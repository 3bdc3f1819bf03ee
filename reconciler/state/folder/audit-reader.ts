// Reads the audit log back: whole entries in order, and the torn lines a crash left, reported not glued.
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import type { AuditRecord } from '../../audit-record.ts';
import { fsErrorMessage } from '../../fs-error.ts';
import { auditPath } from './audit.ts';

/** A line that is not a whole audit entry (a crash mid-append), with its 1-based line number. */
export interface TornLine {
  line: number;
  text: string;
}

/** What the audit log holds. */
export interface AuditRead {
  entries: AuditRecord[];
  torn: TornLine[];
}

/** Whether a parsed line is a whole audit entry. */
export function isEntry(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.time === 'string' &&
    typeof v.pool === 'string' &&
    ((typeof v.server === 'string' &&
      typeof v.action === 'string' &&
      (v.outcome === 'ok' || v.outcome === 'error')) ||
      (v.action === 'force-unlock' && typeof v.holder === 'object'))
  );
}

/** Splits audit text into entries and torn lines (quoted up to 80 characters). */
export function parseAudit(text: string): AuditRead {
  const read: AuditRead = { entries: [], torn: [] };
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isEntry(value)) read.entries.push(value);
    else
      read.torn.push({ line: index + 1, text: line.length > 80 ? `${line.slice(0, 80)}…` : line });
  });
  return read;
}

/** The audit log of a state dir (empty if none yet), or one line saying why it cannot be read. */
export function readAudit(stateDir: string): Result<AuditRead, string> {
  const path = auditPath(stateDir);
  try {
    return ok(parseAudit(readFileSync(path, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({ entries: [], torn: [] });
    return err(fsErrorMessage('read the audit log', path, error));
  }
}
