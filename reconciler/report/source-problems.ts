// Renders a desired state that could not be used (invalid or unreadable) as JSON or Markdown for plan, status, apply.
import type { LoadIssue } from '../errors.ts';
import type { Revision } from '../model.ts';
import { problemCount } from './load-issues.ts';
import { revisionLine } from './plan-report.ts';

/** Why there is no desired state to act on: positioned issues, or the source failing as a whole. */
export type SourceProblem =
  | { kind: 'invalid'; revision: Revision; issues: LoadIssue[] }
  | { kind: 'unavailable'; error: { kind: string; message: string } };

/** `{formatVersion, valid: false, revision, issues[], error, summary}`: one document, even when nothing could be planned. */
export function sourceProblemJson(problem: SourceProblem): string {
  const issues = problem.kind === 'invalid' ? problem.issues : [];
  const body = {
    formatVersion: 1,
    valid: false,
    revision: problem.kind === 'invalid' ? problem.revision : null,
    issues,
    error:
      problem.kind === 'unavailable'
        ? { kind: problem.error.kind, message: problem.error.message }
        : null,
    summary: { issues: problemCount(issues), files: new Set(issues.map((i) => i.file)).size },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const inline = (text: string) => text.replaceAll('`', "'").replaceAll('\n', ' ');

/** A Markdown section for a CI job summary: every problem with its file:line:col and hint. */
export function sourceProblemMarkdown(problem: SourceProblem): string {
  if (problem.kind === 'unavailable')
    return `### quiesce: the desired state could not be read; nothing was planned\n\n- :x: **${problem.error.kind}**: ${inline(problem.error.message)}\n`;
  const out = [
    `### quiesce: \`${inline(revisionLine(problem.revision))}\` is invalid; nothing was planned`,
    '',
    `**${problemCount(problem.issues)}** problem${problemCount(problem.issues) === 1 ? '' : 's'}:`,
    '',
  ];
  for (const i of problem.issues)
    out.push(
      `- :x: \`${inline(`${i.file}:${i.line}:${i.column}`)}\` ${inline(i.message)}${i.hint === null ? '' : ` (hint: ${inline(i.hint)})`}`,
    );
  return `${out.join('\n')}\n`;
}
