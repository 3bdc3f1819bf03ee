// What apply --wait prints of a maintenance round as it goes: one line per server phase change, and the settle.
import { inText } from '../plan/maintenance/when-text.ts';
import type { RoundJson } from './phase-text.ts';

/** One round item: `slot` (a server of a pool, or the pool's settle) and `key`, which changes only when the phase does. */
export interface RoundItem {
  slot: string;
  key: string;
  text: string;
  /** Still moving (not done): shown on a terminal's redrawn line. */
  moving: boolean;
}

/** A server's phase as a progress line, or null for servers not yet started (pending, skipped). */
function serverItem(
  server: RoundJson['servers'][number],
  done: string,
): { key: string; text: string } | null {
  switch (server.phase) {
    case 'pending':
    case 'skipped':
      return null;
    case 'done':
    case 'settling':
      return { key: 'done', text: `done (${done})` };
    case 'draining':
      return { key: 'draining', text: 'draining' };
    case 'hook-running':
      return { key: 'hook-running', text: 'hook running' };
    case 'returning':
      return { key: 'returning', text: 'returning' };
    case 'waiting-window':
      return { key: server.phase, text: server.text };
    default:
      return { key: `${server.phase} ${server.text}`, text: server.text };
  }
}

/**
 * The server's phase once the round's next actions for it are done: apply reports a round after acting on
 * it, so a hook it started runs, and a server it recorded done is done.
 */
function acted(round: RoundJson, server: RoundJson['servers'][number]): string {
  const next = (kind: string) =>
    round.next.some(
      (n) => n === `${kind} ${server.name}` || n.startsWith(`${kind} ${server.name} `),
    );
  if (next('run-hook')) return 'hook-running';
  if (next('record-done')) return 'done';
  return server.phase;
}

/** The rounds' items: `pool: server phase`, `pool: server done (2 of 4)`, `pool: settling until 23:41 UTC, in 20m`. */
export function roundProgress(
  rollouts: readonly RoundJson[] | undefined,
  now: number,
): RoundItem[] {
  const items: RoundItem[] = [];
  for (const round of rollouts ?? []) {
    const servers = round.servers.map((server) => ({ ...server, phase: acted(round, server) }));
    const counted = servers.filter((s) => s.phase !== 'skipped');
    const finished = counted.filter((s) => s.phase === 'done' || s.phase === 'settling').length;
    const done = `${finished} of ${counted.length}`;
    for (const server of servers) {
      const item = serverItem(server, done);
      if (item === null) continue;
      items.push({
        slot: `${round.pool}/${server.name}`,
        key: item.key,
        text: `${round.pool}: ${server.name} ${item.text}`,
        moving: item.key !== 'done',
      });
      if (server.phase === 'settling' && server.until !== null)
        items.push({
          slot: round.pool,
          key: `settle ${server.until}`,
          text: `${round.pool}: ${server.text}, in ${inText(server.until, now)}`,
          moving: true,
        });
    }
  }
  return items;
}
