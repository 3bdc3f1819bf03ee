// `format: teams`: a message carrying an Adaptive Card, as a Teams Workflows webhook expects.
import type { NotifyEvent } from '../derive.ts';
import type { NotificationFormatRow } from './format.ts';
import { facts, headline } from './headline.ts';

/** The JSON body for a Teams Workflows ("Post to a channel when a webhook request is received") URL. */
export function teamsPayload(event: NotifyEvent, source: string): object {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: headline(event),
              weight: 'Bolder',
              size: 'Medium',
              color: event.severity === 'error' ? 'Attention' : 'Good',
              wrap: true,
            },
            { type: 'TextBlock', text: event.message, wrap: true },
            {
              type: 'FactSet',
              facts: [...facts(event, source), ['Time', event.at]].map(([title, value]) => ({
                title,
                value,
              })),
            },
          ],
        },
      },
    ],
  };
}

/** `format: teams` in the format registry. */
export const teamsFormat: NotificationFormatRow = {
  summary: 'an Adaptive Card for a Teams Workflows webhook',
  payload: teamsPayload,
};

declare module '../../model.ts' {
  /** `format: teams` is a notification format. */
  interface NotificationFormats {
    teams: true;
  }
}
