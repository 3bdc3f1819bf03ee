// Renders `quiesce history`: who drained what, when, from which commit, and how long it stayed out.

import {
  type AuditRecord,
  type MaintenanceRecord,
  operatorText,
  type StepRecord,
} from '../audit-record.ts';
import { formatDuration } from '../duration.ts';
import type { Style } from './style.ts';

/** A drain's pause (graceful stop, failover) and the resume, start or failback that ended it (null while still out), keyed per service. */
function outOfRotation(records: readonly AuditRecord[]): Map<AuditRecord, number | null> {
  const open = new Map<string, StepRecord>();
  const spans = new Map<AuditRecord, number | null>();
  for (const record of records) {
    if (record.action === 'force-unlock' || record.before === null || record.outcome !== 'ok')
      continue;
    const key = `${record.pool}\u0000${record.server}\u0000${record.service}`;
    if (
      record.action === 'pause' ||
      record.action === 'graceful-stop' ||
      record.action === 'failover'
    ) {
      if (!open.has(key)) open.set(key, record);
      spans.set(open.get(key) as StepRecord, null);
    } else if (
      (record.action === 'resume' || record.action === 'start' || record.action === 'failback') &&
      open.has(key)
    ) {
      const began = open.get(key) as StepRecord;
      spans.set(began, Date.parse(record.time) - Date.parse(began.time));
      open.delete(key);
    }
  }
  return spans;
}

const state = (s: StepRecord['before']) => `${s.status}/${s.startType ?? '-'}`;

/** `1a2b3c4`, `1a2b3c4+dirty`, `sha256:5d41402abc4b`: a revision id short enough for every line. */
export function shortRevision(id: string): string {
  const git = /@sha1:([0-9a-f]{7})[0-9a-f]*(\+dirty)?/.exec(id);
  if (git !== null) return `${git[1]}${git[2] ?? ''}`;
  const digest = /@(sha256:[0-9a-f]{12})/.exec(id);
  return digest === null ? id : (digest[1] as string);
}

/** The first line of `text`, at most `max` characters (with an ellipsis when cut). */
function oneLine(text: string, max: number): string {
  const first = text.split('\n')[0] ?? '';
  const chars = [...first];
  return chars.length <= max && first === text.trimEnd()
    ? first
    : `${chars.slice(0, max - 1).join('')}…`;
}

/** The group a step belongs to: its revision and who ran it (a run of one command, usually). */
function groupOf(r: StepRecord | MaintenanceRecord): { key: string; header: string } {
  const rev = r.revision;
  const revision =
    rev === null
      ? 'revision unknown'
      : `revision ${shortRevision(rev.id)}${rev.author === null ? '' : ` by ${rev.author}`}${rev.subject === null ? '' : ` "${oneLine(rev.subject, 72)}"`}`;
  const who = r.operator === undefined ? '' : ` — run by ${operatorText(r.operator)}`;
  return { key: `${rev?.id ?? ''}\u0000${who}`, header: `── ${revision}${who}` };
}

/**
 * One compact line per record, oldest first, under a header line per group of records of one revision and
 * operator (the subject once there); pauses say how long the service stayed out of rotation.
 */
export function historyText(records: readonly AuditRecord[], style: Style, now: number): string {
  if (records.length === 0) return 'No audit records match.\n';
  const spans = outOfRotation(records);
  const lines: string[] = [];
  let group = '';
  for (const r of records) {
    if (r.action === 'force-unlock') {
      group = '';
      lines.push(
        `${r.time}  ${r.pool}  ${style.yellow('force-unlock')}  lock ${r.holder.id} of ${r.holder.command} on ${r.holder.host} (pid ${r.holder.pid}, since ${r.holder.since}) released by ${r.by.command} on ${r.by.host} (pid ${r.by.pid})`,
      );
      continue;
    }
    const { key, header } = groupOf(r);
    if (key !== group) lines.push(style.dim(header));
    group = key;
    const outcome =
      r.outcome === 'ok'
        ? style.green('ok')
        : style.red(`failed [${r.error?.kind}]: ${r.error?.message}`);
    const rev = r.revision === null ? '' : `  ${shortRevision(r.revision.id)}`;
    const reason = r.reason == null ? '' : `  reason: ${oneLine(r.reason, 60)}`;
    const span = spans.get(r);
    const out =
      span === undefined
        ? ''
        : span === null
          ? `  out ${formatDuration(Math.max(0, now - Date.parse(r.time)))} so far`
          : `  out for ${formatDuration(span)}`;
    if (r.before === null) {
      const exit = r.maintenance.exitCode == null ? '' : ` exit ${r.maintenance.exitCode}`;
      lines.push(
        `${r.time}  ${r.pool}  ${r.server}  maintenance ${r.maintenance.id}  ${r.action}${exit}  ${outcome} in ${r.durationMs}ms${rev}${reason}`,
      );
    } else
      lines.push(
        `${r.time}  ${r.pool}  ${r.server}  ${r.service}  ${r.action} ${state(r.before)} → ${state(r.after)}  ${outcome} in ${r.durationMs}ms${rev}${reason}${out}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** `{formatVersion, records[]}`, each step with `outOfRotationMs` (null while still out) on pauses. */
export function historyJson(records: readonly AuditRecord[]): string {
  const spans = outOfRotation(records);
  const out = records.map((r) =>
    r.action !== 'force-unlock' && spans.has(r) ? { ...r, outOfRotationMs: spans.get(r) } : r,
  );
  return `${JSON.stringify({ formatVersion: 1, records: out }, null, 2)}\n`;
}
