// `kind: Notification` documents: schema, semantic checks and normalising into NotificationSpec.
import type { LoadIssue } from '../errors.ts';
import type { NotificationFormat, NotificationReason, NotificationSpec, Source } from '../model.ts';
import { validate } from './generated/notification-validator.ts';
import { issueAt } from './issue.ts';
import type { Locate } from './schema-messages.ts';
import type { SchemaValidator } from './schema-validator.ts';
import { didYouMean } from './suggest.ts';

/** A schema-valid Notification document, as written. */
export interface NotificationDocument {
  apiVersion: 'quiesce/v1';
  kind: 'Notification';
  metadata: { name: string };
  spec: {
    events: NotificationReason[];
    pools?: string[];
    format: NotificationFormat;
    urlFrom: string;
  };
}

/** A schema-valid Notification with where it was written. */
export interface CheckedNotification {
  file: string;
  document: NotificationDocument;
  locate: Locate;
  source: Source;
}

/** Validator for one Notification document (schemas/notification.schema.json), precompiled by `npm run schema`. */
export function notificationValidator(): SchemaValidator {
  return validate;
}

/** Whether a parsed document says it is a Notification (it is then validated by that schema). */
export const isNotificationDocument = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'Notification';

const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Unique names, `urlFrom: env:NAME` (never echoing the value: it may be a URL) and known pools. */
export function notificationIssues(
  notifications: CheckedNotification[],
  poolNames: string[],
): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const seen = new Map<string, CheckedNotification>();
  for (const checked of notifications) {
    const { file, document, locate } = checked;
    const report = (pointer: string, message: string, hint: string | null) => {
      const { line, column } = locate(pointer, false);
      issues.push(issueAt('invalid-value', file, line, column, message, hint));
    };
    const name = document.metadata.name;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, checked);
    else
      report(
        '/metadata/name',
        `notification \`${name}\` is declared twice (first at ${first.file}:${first.source.line}:${first.source.column})`,
        'notification names must be unique: rename one',
      );
    if (!ENV_REF.test(document.spec.urlFrom))
      report(
        '/spec/urlFrom',
        'spec.urlFrom must name an environment variable, as env:NAME (the value written here is not shown)',
        'a webhook URL is a secret: put it in an environment variable such as QUIESCE_SLACK_URL and write urlFrom: env:QUIESCE_SLACK_URL',
      );
    (document.spec.pools ?? []).forEach((pool, index) => {
      if (poolNames.includes(pool)) return;
      report(
        `/spec/pools/${index}`,
        `notification \`${name}\` names pool \`${pool}\`, which is not declared`,
        didYouMean(pool, poolNames) ?? `declared pools: ${poolNames.join(', ')}`,
      );
    });
  }
  return issues;
}

/** The NotificationSpec of a checked document. */
export function normaliseNotification({ document, source }: CheckedNotification): NotificationSpec {
  return {
    name: document.metadata.name,
    source,
    events: document.spec.events,
    pools: document.spec.pools ?? null,
    format: document.spec.format,
    urlEnv: ENV_REF.exec(document.spec.urlFrom)?.[1] ?? '',
  };
}
