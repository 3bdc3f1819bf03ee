// Renders a Plan: text for people, JSON for machines, Markdown for CI job summaries.
import type { Change, Plan } from '../plan/index.ts';
import { roundsJson } from './phase-text.ts';
import { roundLines, roundMarkdown } from './round-report.ts';
import type { Style } from './style.ts';

function describe(change: Change): string {
  if (change.action === 'set-startup-type')
    return `set startup type ${change.before.startType} → ${change.after.startType}`;
  return `${change.action} (${change.before.status} → ${change.after.status})`;
}

function byPool<T extends { pool: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.pool, [...(groups.get(item.pool) ?? []), item]);
  return groups;
}

/** "main@sha1:… (author: subject)". */
export function revisionLine(revision: Plan['revision']): string {
  if (revision === null) return 'unknown revision';
  const about = [revision.author, revision.subject].filter(Boolean).join(': ');
  return about === '' ? revision.id : `${revision.id} (${about})`;
}

/** Plan as text, grouped by pool, aligned. */
export function planText(plan: Plan, style: Style): string {
  const lines: string[] = [style.dim(`Revision ${revisionLine(plan.revision)}`)];
  const width = Math.max(0, ...plan.changes.map((c) => c.server.length));
  const unitWidth = Math.max(10, ...plan.changes.map((c) => c.service.length));
  for (const [pool, changes] of byPool(plan.changes)) {
    lines.push(style.bold(`pool ${pool}`));
    for (const c of changes) {
      const mark =
        c.action === 'pause' || c.action === 'graceful-stop' || c.action === 'failover'
          ? style.yellow('~')
          : c.action === 'set-startup-type'
            ? style.cyan('~')
            : style.green('+');
      lines.push(
        `  ${mark} ${c.server.padEnd(width)}  ${c.service.padEnd(unitWidth)} ${describe(c)}  ${style.dim(c.reason)}`,
      );
    }
  }
  lines.push(...roundLines(plan.rollouts, style));
  for (const b of plan.blocked)
    lines.push(`${style.red('✗ blocked')} ${b.pool}/${b.server} [${b.rule}]: ${b.message}`);
  for (const w of plan.waiting)
    lines.push(`${style.yellow('… waiting')} ${w.pool}/${w.server} ${w.message}`);
  for (const e of plan.errors)
    lines.push(
      `${style.red('✗ error')} ${e.pool}/${e.server}${e.service ? ` ${e.service}` : ''} [${e.kind}]: ${e.message}`,
    );
  for (const pool of plan.summary.suspended)
    lines.push(
      `${style.dim(`pool ${pool} is suspended (spec.suspend): not observed, not changed`)}`,
    );
  const s = plan.summary;
  const draining = s.drainingSessions > 0 ? ` (${s.drainingSessions} sessions still draining)` : '';
  // Every step done but sessions still open is not yet "the fleet matches": a drain is done when they end.
  const matched =
    s.drainingSessions > 0
      ? `no changes: every step is done; ${s.drainingSessions} sessions still draining`
      : 'no changes: the fleet matches the desired state';
  // A round under way is not a fleet at its desired state, even with no service step to run.
  const rounds = (plan.rollouts ?? []).filter((r) => r.state !== 'done');
  const next = s.roundActions;
  const roundPart =
    next > 0
      ? `, ${next} round action${next === 1 ? '' : 's'}`
      : rounds.length > 0 && s.changes + s.blocked + s.waiting + s.errors === 0
        ? '; a maintenance round is under way'
        : '';
  lines.push(
    s.changes + s.blocked + s.waiting + s.errors > 0 || roundPart !== ''
      ? `Plan: ${s.changes} to change, ${s.blocked} blocked, ${s.waiting} waiting, ${s.errors} errors${roundPart}.`
      : s.suspended.length > 0
        ? `${style.green('✓')} no changes in the pools observed; suspended pools were not checked${draining}`
        : `${style.green('✓')} ${matched}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `{formatVersion, revision, changes[], blocked[], waiting[], errors[], summary}`. */
export function planJson(plan: Plan): string {
  const { formatVersion, revision, changes, blocked, waiting, errors, summary, rollouts } = plan;
  return `${JSON.stringify({ formatVersion, revision, changes, blocked, waiting, errors, summary, ...(rollouts === undefined ? {} : { rollouts: roundsJson(rollouts) }) }, null, 2)}\n`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** Plan as Markdown, for a pull-request comment or a CI job summary. */
export function planMarkdown(plan: Plan): string {
  const s = plan.summary;
  const out = [
    `### quiesce plan for \`${revisionLine(plan.revision)}\``,
    '',
    `**${s.changes}** to change, **${s.blocked}** blocked, **${s.waiting}** waiting, **${s.errors}** errors.`,
    '',
  ];
  if (plan.changes.length > 0) {
    out.push('| pool | server | service | step | reason |', '|---|---|---|---|---|');
    for (const c of plan.changes)
      out.push(
        `| ${c.pool} | ${c.server} | ${c.service} | ${cell(describe(c))} | ${cell(c.reason)} |`,
      );
    out.push('');
  }
  for (const b of plan.blocked)
    out.push(`- :no_entry: **blocked** ${b.pool}/${b.server} (${b.rule}): ${cell(b.message)}`);
  for (const w of plan.waiting)
    out.push(`- :hourglass: **waiting** ${w.pool}/${w.server} ${w.service}: ${cell(w.message)}`);
  for (const e of plan.errors)
    out.push(
      `- :x: **error** ${e.pool}/${e.server}${e.service ? ` ${e.service}` : ''} (${e.kind}): ${cell(e.message)}`,
    );
  for (const pool of s.suspended)
    out.push(
      `- :pause_button: **suspended** pool ${pool} (spec.suspend): not observed, not changed`,
    );
  out.push(...roundMarkdown(plan.rollouts));
  return `${out.join('\n')}\n`;
}
