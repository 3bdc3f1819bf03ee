// Renders `quiesce history`: who drained what, when, from which commit, and how long it stayed out.

import type { AuditRecord, StepRecord } from '../audit-record.ts';
import { formatDuration } from '../duration.ts';
import type { Style } from './style.ts';

/** A pause and the resume or start that ended it (null while still out), keyed per service. */
function outOfRotation(records: readonly AuditRecord[]): Map<AuditRecord, number | null> {
  const open = new Map<string, StepRecord>();
  const spans = new Map<AuditRecord, number | null>();
  for (const record of records) {
    if (record.action === 'force-unlock' || record.before === null || record.outcome !== 'ok')
      continue;
    const key = `${record.pool}\u0000${record.server}\u0000${record.service}`;
    if (record.action === 'pause') {
      if (!open.has(key)) open.set(key, record);
      spans.set(open.get(key) as StepRecord, null);
    } else if ((record.action === 'resume' || record.action === 'start') && open.has(key)) {
      const began = open.get(key) as StepRecord;
      spans.set(began, Date.parse(record.time) - Date.parse(began.time));
      open.delete(key);
    }
  }
  return spans;
}

const state = (s: StepRecord['before']) => `${s.status}/${s.startType ?? '-'}`;

/** One line per record, oldest first; pauses say how long the service stayed out of rotation. */
export function historyText(records: readonly AuditRecord[], style: Style, now: number): string {
  if (records.length === 0) return 'No audit records match.\n';
  const spans = outOfRotation(records);
  const lines = records.map((r) => {
    if (r.action === 'force-unlock')
      return `${r.time}  ${r.pool}  ${style.yellow('force-unlock')}  lock ${r.holder.id} of ${r.holder.command} on ${r.holder.host} (pid ${r.holder.pid}, since ${r.holder.since}) released by ${r.by.command} on ${r.by.host} (pid ${r.by.pid})`;
    const outcome =
      r.outcome === 'ok'
        ? style.green('ok')
        : style.red(`failed [${r.error?.kind}]: ${r.error?.message}`);
    const rev =
      r.revision === null
        ? ''
        : `  ${r.revision.id}${r.revision.author === null ? '' : ` by ${r.revision.author}`}${r.revision.subject === null ? '' : ` "${r.revision.subject}"`}`;
    const span = spans.get(r);
    const out =
      span === undefined
        ? ''
        : span === null
          ? `  out ${formatDuration(Math.max(0, now - Date.parse(r.time)))} so far`
          : `  out for ${formatDuration(span)}`;
    if (r.before === null) {
      const exit = r.maintenance.exitCode == null ? '' : ` exit ${r.maintenance.exitCode}`;
      return `${r.time}  ${r.pool}  ${r.server}  maintenance ${r.maintenance.id}  ${r.action}${exit}  ${outcome} in ${r.durationMs}ms${rev}`;
    }
    return `${r.time}  ${r.pool}  ${r.server}  ${r.service}  ${r.action} ${state(r.before)} → ${state(r.after)}  ${outcome} in ${r.durationMs}ms${rev}${out}`;
  });
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
