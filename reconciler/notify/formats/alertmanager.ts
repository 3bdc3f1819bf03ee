// `format: alertmanager`: the Alertmanager webhook payload, version 4, one alert per event.
import { createHash } from 'node:crypto';
import type { NotifyEvent } from '../derive.ts';
import type { NotificationFormatRow } from './format.ts';
import { headline } from './headline.ts';

/** Alertmanager's "no end" time. */
const NEVER = '0001-01-01T00:00:00Z';

/** The JSON body of an Alertmanager webhook; a Recovered event resolves the alert it clears. */
export function alertmanagerPayload(event: NotifyEvent, source: string): object {
  const resolved = event.cleared !== null;
  const labels: Record<string, string> = {
    alertname: `Quiesce${event.cleared ?? event.reason}`,
    severity: resolved ? 'error' : event.severity === 'error' ? 'error' : 'info',
    ...(event.pool === null ? {} : { pool: event.pool }),
    ...(event.server === null ? {} : { server: event.server }),
  };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(Object.entries(labels).sort()))
    .digest('hex')
    .slice(0, 16);
  const status = resolved ? 'resolved' : 'firing';
  const annotations = {
    summary: headline(event),
    description: event.message,
    revision: event.revision,
  };
  return {
    version: '4',
    groupKey: `{}:{alertname="${labels.alertname}"}`,
    truncatedAlerts: 0,
    status,
    receiver: 'quiesce',
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: source,
    alerts: [
      {
        status,
        labels,
        annotations,
        startsAt: event.at,
        endsAt: resolved ? event.at : NEVER,
        generatorURL: source,
        fingerprint,
      },
    ],
  };
}

/** `format: alertmanager` in the format registry. */
export const alertmanagerFormat: NotificationFormatRow = {
  summary: 'the Alertmanager webhook v4 payload',
  payload: alertmanagerPayload,
};

declare module '../../model.ts' {
  /** `format: alertmanager` is a notification format. */
  interface NotificationFormats {
    alertmanager: true;
  }
}
