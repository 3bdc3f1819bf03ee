// The audit log: one JSON line per executed step in <state-dir>/audit.jsonl.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditRecord } from '../../audit-record.ts';
import { fsErrorMessage } from '../../fs-error.ts';

export type { AuditEntry } from '../../audit-record.ts';

/** Path of the audit log in a state dir. */
export const auditPath = (stateDir: string) => join(stateDir, 'audit.jsonl');

/** Appends `line` to the file at `path` in one write(2) with O_APPEND, after a newline if the file ends mid-line. */
function appendLine(path: string, line: string): void {
  const fd = openSync(path, 'a+');
  try {
    const { size } = fstatSync(fd);
    const last = Buffer.alloc(1);
    const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    writeSync(fd, `${torn ? '\n' : ''}${line}\n`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends audit lines (only the lock holder writes, so lines never interleave). A line torn by a crash is
 * closed before the next entry, never glued to it. A write that fails calls `onFailure` with one line
 * naming the file and what to do; the caller must stop running steps, since they would go unaudited.
 */
export function auditLog(
  stateDir: string,
  onFailure: (message: string) => void,
): (entry: AuditRecord) => void {
  const path = auditPath(stateDir);
  return (entry) => {
    try {
      mkdirSync(stateDir, { recursive: true });
      appendLine(path, JSON.stringify(entry));
    } catch (error) {
      const what =
        entry.action === 'force-unlock'
          ? `force-unlock of pool ${entry.pool} happened`
          : `step ${entry.pool}/${entry.server} ${entry.service} ${entry.action} ran, outcome ${entry.outcome},`;
      onFailure(
        `${fsErrorMessage('append to the audit log', path, error)} (${what} but is not recorded there)`,
      );
    }
  };
}
