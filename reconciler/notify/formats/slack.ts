// `format: slack`: an incoming-webhook message with Block Kit blocks and a plain-text fallback.
import type { NotifyEvent } from '../derive.ts';
import type { NotificationFormatRow } from './format.ts';
import { facts, headline } from './headline.ts';

/** Slack mrkdwn treats &, < and > as control characters. */
const mrkdwn = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The JSON body for a Slack incoming webhook. */
export function slackPayload(event: NotifyEvent, source: string): object {
  const title = headline(event);
  const icon = event.severity === 'error' ? ':red_circle:' : ':large_green_circle:';
  return {
    text: `${title}: ${event.message}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `${icon} ${mrkdwn(event.message)}` } },
      {
        type: 'section',
        fields: facts(event, source).map(([key, value]) => ({
          type: 'mrkdwn',
          text: `*${key}*\n${mrkdwn(value)}`,
        })),
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `quiesce · ${event.at}` }] },
    ],
  };
}

/** `format: slack` in the format registry. */
export const slackFormat: NotificationFormatRow = {
  summary: 'Block Kit',
  payload: slackPayload,
};

declare module '../../model.ts' {
  /** `format: slack` is a notification format. */
  interface NotificationFormats {
    slack: true;
  }
}
