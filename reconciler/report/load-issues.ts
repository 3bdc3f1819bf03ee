// Renders a validation result for people (text), machines (json) and GitHub Actions (annotations).
import type { LoadIssue } from '../errors.ts';
import type { DesiredState } from '../model.ts';
import type { Style } from './style.ts';

/** What `validate` found: the state when valid, or every issue. */
export type ValidationReport =
  | { ok: true; state: DesiredState }
  | { ok: false; issues: LoadIssue[] };

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** Problems found, counting those a capped list leaves out. */
export function problemCount(issues: LoadIssue[]): number {
  return issues.reduce((n, issue) => n + (issue.omitted ?? (issue.code === 'too-many' ? 0 : 1)), 0);
}

function validSummary(state: DesiredState): string {
  const servers = state.pools.reduce((n, pool) => n + pool.servers.length, 0);
  const draining = state.pools.reduce(
    (n, pool) =>
      n +
      pool.servers.filter((server) => server.services.some((s) => s.mode === 'draining')).length,
    0,
  );
  return `${plural(state.pools.length, 'pool')}, ${plural(servers, 'server')} (${draining} draining) in ${plural(state.files.length, 'file')}`;
}

/** `file:line:col error message` lines with hints, then a summary. */
export function issuesText(report: ValidationReport, style: Style): string {
  if (report.ok) return `${style.green('✓')} valid: ${validSummary(report.state)}\n`;
  const lines = report.issues.map((issue) => {
    const head = `${style.bold(`${issue.file}:${issue.line}:${issue.column}`)} ${style.red('error')} ${issue.message}`;
    return issue.hint === null ? head : `${head}\n  ${style.cyan('hint:')} ${issue.hint}`;
  });
  const files = new Set(report.issues.map((issue) => issue.file)).size;
  lines.push(
    `${style.red('✗')} ${plural(problemCount(report.issues), 'problem')} in ${plural(files, 'file')}; nothing was applied`,
  );
  return `${lines.join('\n')}\n`;
}

/** `{formatVersion, valid, issues[], summary}` as one JSON document. */
export function issuesJson(report: ValidationReport): string {
  const body = report.ok
    ? {
        formatVersion: 1,
        valid: true,
        issues: [],
        summary: {
          files: report.state.files.length,
          pools: report.state.pools.length,
          servers: report.state.pools.reduce((n, pool) => n + pool.servers.length, 0),
        },
      }
    : {
        formatVersion: 1,
        valid: false,
        issues: report.issues,
        summary: {
          issues: problemCount(report.issues),
          files: new Set(report.issues.map((i) => i.file)).size,
        },
      };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const escapeData = (text: string) =>
  text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string) =>
  escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message` per issue. */
export function issuesGithub(report: ValidationReport): string {
  if (report.ok)
    return `::notice title=quiesce::${escapeData(`valid: ${validSummary(report.state)}`)}\n`;
  return report.issues
    .map((issue) => {
      const message = issue.hint === null ? issue.message : `${issue.message} (${issue.hint})`;
      return `::error file=${escapeProperty(issue.file)},line=${issue.line},col=${issue.column},title=${escapeProperty(`quiesce ${issue.code}`)}::${escapeData(message)}\n`;
    })
    .join('');
}
