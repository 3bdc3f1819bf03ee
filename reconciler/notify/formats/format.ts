// What a notification format is: the payload it builds and the words the schema says about it.
import type { NotifyEvent } from '../derive.ts';

/** One row of the format registry (notify/formats/index.ts). */
export interface NotificationFormatRow {
  /** A few words for the schema's `format` description ("Block Kit"). */
  summary: string;
  /** The JSON body for one event; `source` describes the desired state. */
  payload(event: NotifyEvent, source: string): object;
}
