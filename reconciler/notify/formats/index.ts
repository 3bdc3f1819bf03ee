// The payload builder for each `format`.
import type { NotificationFormat } from '../../model.ts';
import type { NotifyEvent } from '../derive.ts';
import { alertmanagerPayload } from './alertmanager.ts';
import { genericPayload } from './generic.ts';
import { slackPayload } from './slack.ts';
import { teamsPayload } from './teams.ts';

/** format → (event, source description) → JSON body. */
export const payloads: Record<NotificationFormat, (event: NotifyEvent, source: string) => object> =
  {
    generic: genericPayload,
    slack: slackPayload,
    teams: teamsPayload,
    alertmanager: alertmanagerPayload,
  };
