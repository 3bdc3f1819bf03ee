// What a --wait is waiting on, per server: open sessions, services still running or pending, read errors.
import { formatDuration } from '../duration.ts';
import type { PoolStatus, ServiceStatusRow } from '../status/index.ts';

/** One server's state while waiting: `text` to print, `key` that changes only when the state does. */
export interface WaitItem {
  server: string;
  text: string;
  key: string;
  /** True when every draining service on the server is Drained: the only time it is announced "drained". */
  drained: boolean;
}

const PENDING = new Set(['StartPending', 'StopPending', 'PausePending', 'ContinuePending']);
const plural = (n: number) => `${n} session${n === 1 ? '' : 's'} left`;

function pending(service: ServiceStatusRow, now: number): { text: string; key: string } {
  const key = `${service.name} ${service.status}`;
  const ms = service.since === null ? null : now - service.since;
  const since = ms === null ? '' : ` for ${ms < 1000 ? '0s' : formatDuration(ms)}`;
  return { text: `${key}${since}`, key };
}

/** Servers with something still in motion; draining servers whose drain has not started (blocked) are left out. */
export function waitingOn(pools: PoolStatus[], now: number): WaitItem[] {
  const items: WaitItem[] = [];
  for (const pool of pools) {
    for (const server of pool.servers) {
      if (server.error !== null) {
        const text = server.error.kind === 'Unreachable' ? 'unreachable' : server.error.kind;
        items.push({ server: server.name, text, key: text, drained: false });
        continue;
      }
      const draining = server.services.filter((s) => s.desired === 'draining');
      const started = draining.some((s) => s.health !== 'Active');
      const moving = server.services.filter((s) => s.status !== null && PENDING.has(s.status));
      if (!started && moving.length === 0) continue;
      const parts: { text: string; key: string }[] = moving.map((s) => pending(s, now));
      // A draining service still Running keeps the server from being drained.
      for (const s of draining)
        if (s.status === 'Running')
          parts.push({ text: `${s.name} still Running`, key: `${s.name} Running` });
      const open = draining.filter((s) => s.health === 'Draining' || s.health === 'Stalled');
      const unknown = draining.some((s) => s.health === 'Paused');
      const sessions = open.reduce((n, s) => n + (s.sessions ?? 0), 0);
      if (open.length > 0) parts.unshift({ text: plural(sessions), key: plural(sessions) });
      else if (unknown) parts.unshift({ text: 'paused, sessions unknown', key: 'paused' });
      const drained =
        started && parts.length === 0 && draining.every((s) => s.health === 'Drained');
      if (drained) parts.push({ text: 'drained', key: 'drained' });
      if (parts.length === 0) continue;
      items.push({
        server: server.name,
        text: parts.map((p) => p.text).join(', '),
        key: parts.map((p) => p.key).join(', '),
        drained,
      });
    }
  }
  return items;
}
