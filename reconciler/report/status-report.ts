// Renders fleet status: a table a person reads at a glance, or JSON.
import type { Revision } from '../model.ts';
import type { Health, RoundView } from '../plan/index.ts';
import type { PoolStatus } from '../status/index.ts';
import { alignedRows } from './aligned-rows.ts';
import { roundsJson } from './phase-text.ts';
import type { Style } from './style.ts';

function paint(health: Health, style: Style): (text: string) => string {
  if (health === 'Active' || health === 'Drained') return style.green;
  if (health === 'Draining' || health === 'Paused') return style.yellow;
  if (health === 'Stalled' || health === 'Degraded') return style.red;
  return style.dim;
}

/** The line that says a service's session counters cannot be read, so it stays where it is (never done). */
export function countersUnreadableLine(
  pool: string,
  server: string,
  service: { name: string; health: Health; sessionsUnreadable?: string },
  style: Style,
): string {
  return `${style.red('✗')} ${pool}/${server} ${service.name} CountersUnreadable: its session counters cannot be read, so it stays ${service.health}: ${service.sessionsUnreadable}`;
}

/** One row per service: pool, server, desired, health, sessions, status, sync; then each server error's kind and message. */
export function statusText(pools: PoolStatus[], style: Style): string {
  const rows: string[][] = [
    ['POOL', 'SERVER', 'SERVICE', 'DESIRED', 'HEALTH', 'SESSIONS', 'STATUS', 'SYNC'],
  ];
  const healths: Health[] = [];
  const errors: string[] = [];
  for (const pool of pools) {
    if (pool.suspended) {
      rows.push([pool.name, '-', '-', '-', 'Suspended', '-', '-', '-']);
      healths.push('Unknown');
      continue;
    }
    for (const server of pool.servers) {
      if (server.error !== null)
        errors.push(
          `${style.red('✗')} ${pool.name}/${server.name} ${server.error.kind}: ${server.error.message}`,
        );
      for (const service of server.services) {
        rows.push([
          pool.name,
          server.name,
          service.name,
          service.desired,
          service.health,
          service.sessions === null ? '?' : String(service.sessions),
          service.status !== null
            ? `${service.status}/${service.startType ?? '-'}`
            : (server.error?.kind ?? 'NotReported'),
          service.sync,
        ]);
        healths.push(service.health);
        if (service.sessionsUnreadable !== undefined)
          errors.push(countersUnreadableLine(pool.name, server.name, service, style));
      }
    }
  }
  const lines = alignedRows(rows, style, 4, (r) => paint(healths[r]!, style));
  return `${[...lines, ...errors].join('\n')}\n`;
}

/** `{formatVersion, revision, pools[]}`; a server that could not be read carries `error: {kind, message}`. */
export function statusJson(
  revision: Revision | null,
  pools: PoolStatus[],
  rollouts?: RoundView[],
): string {
  const rounds = rollouts === undefined ? {} : { rollouts: roundsJson(rollouts) };
  return `${JSON.stringify({ formatVersion: 1, revision, pools, ...rounds }, null, 2)}\n`;
}
