// The Notification schema's `format` field, generated from the format registry (npm run schema writes it).
import { NOTIFICATION_FORMATS } from './index.ts';

/** `spec.format` of schemas/notification.schema.json: every registry format, with what each sends. */
export function formatFieldSchema(): { description: string; enum: string[] } {
  const rows = Object.entries(NOTIFICATION_FORMATS);
  return {
    description: `Payload: ${rows.map(([name, row]) => `${name} (${row.summary})`).join(', ')}.`,
    enum: rows.map(([name]) => name),
  };
}

/** The Notification schema with its `format` field made from the registry (the rest as given). */
export function withFormats(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(schema) as {
    properties: { spec: { properties: Record<string, unknown> } };
  };
  copy.properties.spec.properties.format = formatFieldSchema();
  return copy;
}
