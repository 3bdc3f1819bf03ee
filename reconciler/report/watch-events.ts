// Renders what `watch` prints as it runs: a new or invalid revision, an unavailable source, a plan with
// something to do (once per distinct plan), a failed step.
import type { LoadIssue } from '../errors.ts';
import type { Revision } from '../model.ts';
import type { Plan } from '../plan/index.ts';
import { issuesText } from './load-issues.ts';
import { planText, revisionLine } from './plan-report.ts';
import type { Style } from './style.ts';

/** A watch loop event, as far as it is printed (the loop's LoopEvent has this shape). */
export type WatchEvent =
  | {
      kind: 'source';
      read:
        | { kind: 'valid'; revision: Revision }
        | { kind: 'invalid'; revision: Revision; issues: LoadIssue[] }
        | { kind: 'unavailable'; error: { kind: string; message: string }; retryInMs: number };
    }
  | { kind: 'plan'; plan: Plan }
  | {
      kind: 'step';
      entry: {
        outcome?: string;
        server: string;
        service: string;
        action: string;
        error?: { message: string } | null;
      };
    }
  | { kind: 'status' };

/**
 * A renderer that remembers what it printed, so a revision, or a plan that did not change (countdowns aside), is
 * printed once; a plan comes without the revision line (printed on its own when the revision changes).
 */
export function watchEventPrinter(style: Style): (event: WatchEvent) => string {
  let lastPrinted = '';
  let lastRevision = '';
  return (event) => {
    if (event.kind === 'source') {
      const { read } = event;
      if (read.kind === 'unavailable')
        return `${style.red('source unavailable')} ${read.error.kind}: ${read.error.message}; keeping the last good revision, retrying in ${Math.round(read.retryInMs / 1000)}s\n`;
      if (read.revision.id === lastRevision) return '';
      lastRevision = read.revision.id;
      const invalid = read.kind === 'invalid';
      const line = `${style.bold('revision')} ${revisionLine(read.revision)}${invalid ? ` ${style.red('is invalid; not applied')}` : ''}\n`;
      return invalid ? line + issuesText({ ok: false, issues: read.issues }, style) : line;
    }
    if (event.kind === 'plan') {
      const { plan } = event;
      // What the plan is, not how it is worded now: a countdown ("opens … in 22s") is no new plan.
      const key = JSON.stringify([
        plan.changes,
        plan.blocked.map((b) => [b.pool, b.server, b.rule]),
        plan.errors.map((e) => [e.pool, e.server, e.service, e.kind]),
      ]);
      const something =
        plan.changes.length > 0 || plan.blocked.length > 0 || plan.errors.length > 0;
      // The revision has its own line when it changes: the plan comes without it.
      const text =
        something && key !== lastPrinted ? planText(plan, style).replace(/^.*\n/, '') : '';
      lastPrinted = key;
      return text;
    }
    if (event.kind === 'step' && event.entry.outcome === 'error')
      return `${style.red('✗')} ${event.entry.server} ${event.entry.service} ${event.entry.action}: ${event.entry.error?.message}\n`;
    return '';
  };
}
