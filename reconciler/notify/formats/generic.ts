// `format: generic`: a Flux-like event (involvedObject, severity, reason, message, metadata, timestamp).
import type { NotifyEvent } from '../derive.ts';
import type { NotificationFormatRow } from './format.ts';

/** The JSON body for a generic webhook. */
export function genericPayload(event: NotifyEvent, source: string): object {
  return {
    involvedObject: {
      apiVersion: 'quiesce/v1',
      // A server; a pool's maintenance round (`pool/id`: MaintenanceDone); or the revision itself.
      kind: event.server !== null ? 'Server' : event.pool !== null ? 'Maintenance' : 'Revision',
      name:
        event.server ??
        (event.pool !== null ? event.object.slice(event.pool.length + 1) : event.revision),
      namespace: event.pool ?? '',
    },
    severity: event.severity,
    timestamp: event.at,
    message: event.message,
    reason: event.reason,
    metadata: {
      revision: event.revision,
      source,
      ...(event.cleared === null ? {} : { cleared: event.cleared }),
    },
    reportingController: 'quiesce',
  };
}

/** `format: generic` in the format registry. */
export const genericFormat: NotificationFormatRow = {
  summary: 'a Flux-like event as JSON',
  payload: genericPayload,
};

declare module '../../model.ts' {
  /** `format: generic` is a notification format. */
  interface NotificationFormats {
    generic: true;
  }
}
