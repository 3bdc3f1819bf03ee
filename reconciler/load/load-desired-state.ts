// Loads a whole desired-state revision: every file valid, or nothing at all.
import { err, ok, type Result } from 'neverthrow';
import type { LoadIssue } from '../errors.ts';
import type { DesiredState, Source } from '../model.ts';
import { type CheckedDocument, crossChecks } from './cross-checks.ts';
import { findFiles } from './find-files.ts';
import { fileIssue, issueAt } from './issue.ts';
import { locatorFor } from './locator.ts';
import { normalise } from './normalise.ts';
import {
  type CheckedNotification,
  isNotificationDocument,
  type NotificationDocument,
  normaliseNotification,
  notificationIssues,
  notificationValidator,
} from './notification-document.ts';
import { parseYaml } from './parse-yaml.ts';
import type { PoolDocument } from './pool-document.ts';
import { poolValidator } from './pool-schema.ts';
import { lineStarts, positionOf } from './positions.ts';
import { readText } from './read-text.ts';
import { schemaIssues } from './schema-messages.ts';
import { withServicePresets } from './service-presets.ts';
import { suggester } from './suggest.ts';

/** Most problems reported for one revision; the rest are counted. */
export const MAX_ISSUES = 100;

/** The validated, normalised desired state under `paths`, or every problem found in it. */
export async function loadDesiredState(
  paths: string[],
): Promise<Result<DesiredState, LoadIssue[]>> {
  const validate = poolValidator();
  const didYouMean = suggester();
  const { files, issues } = findFiles(paths);
  const documents: CheckedDocument[] = [];
  const notifications: CheckedNotification[] = [];

  const sources = new Map<PoolDocument, Source>();
  for (const file of files) {
    const parsed = readText(file).andThen((text) => parseYaml(file, text));
    if (parsed.isErr()) {
      issues.push(parsed.error);
      continue;
    }
    const locator = locatorFor(parsed.value);
    const starts = lineStarts(parsed.value.text);
    for (const { index, value: parsedValue, offset } of parsed.value.documents) {
      const locate = locator(index);
      const value = isNotificationDocument(parsedValue)
        ? parsedValue
        : withServicePresets(parsedValue);
      if (isNotificationDocument(value)) {
        const validateNotification = notificationValidator();
        if (validateNotification(value))
          notifications.push({
            file,
            document: value as NotificationDocument,
            locate,
            source: { file, ...positionOf(starts, offset) },
          });
        else
          for (const issue of schemaIssues(
            file,
            validateNotification.errors ?? [],
            locate,
            didYouMean,
          ))
            issues.push(issue);
      } else if (validate(value)) {
        documents.push({ file, document: value as PoolDocument, locate });
        sources.set(value as PoolDocument, { file, ...positionOf(starts, offset) });
      } else {
        // One at a time: spreading 100,000 issues into push() overflows the stack.
        for (const issue of schemaIssues(file, validate.errors ?? [], locate, didYouMean)) {
          issues.push(issue);
        }
      }
    }
  }
  for (const issue of crossChecks(documents, didYouMean)) issues.push(issue);
  for (const issue of notificationIssues(
    notifications,
    documents.map(({ document }) => document.metadata.name),
  ))
    issues.push(issue);
  if (issues.length === 0 && documents.length === 0) {
    issues.push(
      fileIssue(
        'no-pools',
        paths.join(', '),
        'no Pool documents found (no *.yaml or *.yml files)',
        'add a pool file; see docs/configuration.md',
      ),
    );
  }
  if (issues.length > 0) return err(capIssues(sortIssues(issues)));

  const pools = documents.map(({ document }) =>
    normalise(document, sources.get(document) as Source),
  );
  return ok({ pools, files, notifications: notifications.map(normaliseNotification) });
}

/** The first MAX_ISSUES issues, then one `too-many` issue at the next problem that counts the rest. */
export function capIssues(issues: LoadIssue[]): LoadIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const next = issues[MAX_ISSUES] as LoadIssue;
  const omitted = issues.length - MAX_ISSUES;
  const more = issueAt(
    'too-many',
    next.file,
    next.line,
    next.column,
    `${omitted.toLocaleString('en-US')} more problems not shown (${issues.length.toLocaleString('en-US')} in all); the first ${MAX_ISSUES} are above`,
    'fix these, then validate again to see the rest',
  );
  return [...issues.slice(0, MAX_ISSUES), { ...more, omitted }];
}

/** Issues by file, then line, then column; order within a position kept. */
export function sortIssues(issues: LoadIssue[]): LoadIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort(
      (a, b) =>
        (a.issue.file < b.issue.file ? -1 : a.issue.file > b.issue.file ? 1 : 0) ||
        a.issue.line - b.issue.line ||
        a.issue.column - b.issue.column ||
        a.i - b.i,
    )
    .map(({ issue }) => issue);
}
