// Exclusivity from the audit: per pool, the steps of different processes (operator pids) must not overlap.
import type { AuditRecord, StepRecord } from '../../../reconciler/audit-record.ts';

/** A step as an interval: [start, end] in ms, by pid, on a pool. */
export interface StepSpan {
  pool: string;
  pid: number;
  start: number;
  end: number;
}

/** The step and maintenance records of an audit as spans (a step's `time` is its start). */
export function stepSpans(records: readonly AuditRecord[]): StepSpan[] {
  return records
    .filter((r): r is StepRecord => r.action !== 'force-unlock' && 'server' in r)
    .map((r) => ({
      pool: r.pool,
      pid: r.operator?.pid ?? -1,
      start: Date.parse(r.time),
      end: Date.parse(r.time) + r.durationMs,
    }));
}

/** One line per step that began while another process's step on the same pool had not ended. */
export function overlappingSteps(spans: readonly StepSpan[]): string[] {
  const byPool = new Map<string, StepSpan[]>();
  for (const s of spans) byPool.set(s.pool, [...(byPool.get(s.pool) ?? []), s]);
  const found: string[] = [];
  for (const [pool, steps] of byPool) {
    steps.sort((a, b) => a.start - b.start);
    const lastEnd = new Map<number, number>();
    for (const s of steps) {
      for (const [pid, end] of lastEnd)
        if (pid !== s.pid && end > s.start)
          found.push(
            `${pool}: pid ${s.pid} stepped at ${new Date(s.start).toISOString()} while pid ${pid}'s step ran until ${new Date(end).toISOString()}`,
          );
      lastEnd.set(s.pid, Math.max(lastEnd.get(s.pid) ?? 0, s.end));
    }
  }
  return found;
}
