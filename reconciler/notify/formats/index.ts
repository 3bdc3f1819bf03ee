// The notification format registry: one row per `format`; the config type and the schema's enum derive from it.
import type { NotificationFormat } from '../../model.ts';
import type { NotifyEvent } from '../derive.ts';
import { alertmanagerFormat } from './alertmanager.ts';
import type { NotificationFormatRow } from './format.ts';
import { genericFormat } from './generic.ts';
import { slackFormat } from './slack.ts';
import { teamsFormat } from './teams.ts';

/** Every format, in the order the schema lists them. A new format is a file here and one row. */
export const NOTIFICATION_FORMATS: { [K in NotificationFormat]: NotificationFormatRow } = {
  generic: genericFormat,
  slack: slackFormat,
  teams: teamsFormat,
  alertmanager: alertmanagerFormat,
};

/** format → (event, source description) → JSON body. */
export const payloads = Object.fromEntries(
  Object.entries(NOTIFICATION_FORMATS).map(([name, row]) => [name, row.payload]),
) as Record<NotificationFormat, (event: NotifyEvent, source: string) => object>;
