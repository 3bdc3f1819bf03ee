// `quiesce status`'s default view: one line per server (mode, state, sessions, why blocked), a summary per pool.
import type { Health, Plan } from '../plan/index.ts';
import type { PoolStatus, PoolSummary } from '../status/index.ts';
import { alignedRows } from './aligned-rows.ts';
import { countersUnreadableLine } from './status-report.ts';
import type { Style } from './style.ts';

// The server's state is its least settled service's health: a failure first, then what is still moving.
const RANK: readonly Health[] = [
  'Stalled',
  'Degraded',
  'Unknown',
  'Draining',
  'Paused',
  'Active',
  'Drained',
];

const SETTLED = new Set<Health>(['Active', 'Drained']);

function paint(state: string, style: Style): (text: string) => string {
  if (state === 'Active' || state === 'Drained') return style.green;
  if (state === 'Draining' || state === 'Paused') return style.yellow;
  if (state === 'Suspended' || state === 'Unknown') return style.dim;
  return style.red;
}

type Server = PoolStatus['servers'][number];

/** What the server line needs of the plan: its blocks and its errors. */
export type ServerPlan = Pick<Plan, 'blocked' | 'errors'>;

/** The services with an error of their own (a missing one: NotFound): the WHY column names them instead. */
function failing(pool: string, server: Server, plan: ServerPlan): Set<string> {
  return new Set(
    plan.errors
      .filter((e) => e.pool === pool && e.server === server.name && e.service !== null)
      .map((e) => e.service as string),
  );
}

/**
 * The server's state: its read error's kind, else the least settled health of its services (those with an
 * error of their own left out, so one missing service marks only itself), Unknown when none is left.
 */
export function serverState(pool: string, server: Server, plan: ServerPlan): string {
  if (server.error !== null) return server.error.kind;
  const own = failing(pool, server, plan);
  const healths = new Set(server.services.filter((s) => !own.has(s.name)).map((s) => s.health));
  return RANK.find((h) => healths.has(h)) ?? 'Unknown';
}

/** Open sessions summed over its services (those with an error of their own left out); `?` when one is unknown. */
function sessionsOf(server: Server, own: Set<string>): string {
  const counted = server.services.filter((s) => !own.has(s.name));
  if (counted.length === 0 || counted.some((s) => s.sessions === null)) return '?';
  return String(counted.reduce((n, s) => n + (s.sessions ?? 0), 0));
}

/** Why it is held or marked: each block, each service's own error, each service overridden or lagging. */
function whyOf(pool: string, server: Server, plan: ServerPlan, state: string): string {
  const here = <T extends { pool: string; server: string }>(items: readonly T[]) =>
    items.filter((i) => i.pool === pool && i.server === server.name);
  const why = here(plan.blocked).map((b) => `${b.rule}: ${b.message}`);
  for (const e of here(plan.errors)) if (e.service !== null) why.push(`${e.service} ${e.kind}`);
  const own = failing(pool, server, plan);
  for (const s of server.services) {
    if (own.has(s.name)) continue;
    // A service overridden away from the server's mode says so; one that lags the server's state says how.
    if (s.desired !== server.mode) why.push(`${s.name} ${s.desired}: ${s.health}`);
    else if (server.error === null && s.health !== state && !SETTLED.has(s.health))
      why.push(`${s.name} ${s.health}`);
  }
  return why.join('; ');
}

/** `pool P: N servers, D draining (K drained), S sessions open, B blocked, E errors`. */
export function poolLine(summary: PoolSummary): string {
  if (summary.suspended) return `pool ${summary.name}: suspended`;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return [
    `pool ${summary.name}: ${n(summary.servers, 'server')}`,
    `${summary.draining} draining (${summary.drained} drained)`,
    `${n(summary.sessions, 'session')} open on draining services`,
    `${summary.blocked} blocked`,
    n(summary.errors, 'error'),
  ].join(', ');
}

/** The table (POOL SERVER MODE STATE SESSIONS WHY), then each pool's summary line, then read errors. */
export function serverText(
  pools: readonly PoolStatus[],
  summaries: readonly PoolSummary[],
  plan: ServerPlan,
  style: Style,
): string {
  const rows: string[][] = [['POOL', 'SERVER', 'MODE', 'STATE', 'SESSIONS', 'WHY']];
  const errors: string[] = [];
  for (const pool of pools) {
    if (pool.suspended) {
      rows.push([pool.name, '-', '-', 'Suspended', '-', '']);
      continue;
    }
    for (const server of pool.servers) {
      const state = serverState(pool.name, server, plan);
      rows.push([
        pool.name,
        server.name,
        server.mode,
        state,
        sessionsOf(server, failing(pool.name, server, plan)),
        whyOf(pool.name, server, plan, state),
      ]);
      if (server.error !== null)
        errors.push(
          `${style.red('✗')} ${pool.name}/${server.name} ${server.error.kind}: ${server.error.message}`,
        );
      for (const service of server.services)
        if (service.sessionsUnreadable !== undefined)
          errors.push(countersUnreadableLine(pool.name, server.name, service, style));
    }
  }
  const lines = alignedRows(rows, style, 3, (r) => paint(rows[r + 1]![3]!, style));
  const totals = summaries.map(poolLine);
  return `${[...lines, ...totals, ...errors].join('\n')}\n`;
}
