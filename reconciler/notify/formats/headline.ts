// The one-line title every format shows for an event.
import type { NotifyEvent } from '../derive.ts';

/** "Drained: fe-east/fe02.contoso.com", "Recovered from Blocked: …". */
export function headline(event: NotifyEvent): string {
  const what = event.cleared === null ? event.reason : `Recovered from ${event.cleared}`;
  return `${what}: ${event.object === 'revision' ? 'desired state' : event.object}`;
}

/** Extra facts shown as key/value pairs. */
export function facts(event: NotifyEvent, source: string): [string, string][] {
  return [
    ['Pool', event.pool ?? '-'],
    ['Server', event.server ?? '-'],
    ['Revision', event.revision || '-'],
    ['Source', source],
  ];
}
