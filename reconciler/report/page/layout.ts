// The status page's content as an element tree: conditions, revisions, and every pool's servers and services.
import { formatDuration } from '../../duration.ts';
import type { Health } from '../../plan/index.ts';
import type { FleetView, PoolView } from '../fleet-view.ts';
import type { SessionHistory } from '../session-history.ts';
import { digest } from './digest.ts';
import { sparkline } from './sparkline.ts';
import { h, type VNode } from './vnode.ts';

const TONE: Record<Health, string> = {
  Active: 'ok',
  Drained: 'ok',
  Draining: 'busy',
  Paused: 'busy',
  Stalled: 'bad',
  Degraded: 'bad',
  Unknown: 'dim',
};

const when = (iso: string | undefined) =>
  iso === undefined ? '' : iso.replace('T', ' ').slice(0, 19);

function revision(label: string, r: FleetView['lastAppliedRevision']): VNode {
  if (r === null) return h('div', { class: 'rev' }, h('b', {}, label), ' none yet');
  return h(
    'div',
    { class: 'rev' },
    h('b', {}, label),
    ' ',
    h('code', {}, r.id),
    ' ',
    // A commit subject is one line (its first), clipped to the width; the whole message on hover.
    r.subject === null
      ? null
      : h('span', { class: 'subject', title: r.subject }, r.subject.split('\n')[0] ?? ''),
    r.author === null ? null : h('span', { class: 'dim' }, ` — ${r.author}`),
    h('span', { class: 'dim' }, ` at ${when(r.at)}`),
  );
}

/** Ready's badge tone: green when ready, blue while work goes on (Progressing), red only for a failure. */
function readyTone(ready: FleetView['conditions'][number] | undefined): string {
  if (ready === undefined) return 'dim';
  if (ready.status) return 'ok';
  return ready.reason === 'Progressing' ? 'info' : 'bad';
}

/**
 * What the header says under the badge. A failed hook's text is on its pool's card (with the retry command),
 * so the header only says where, to show each failure's text once.
 */
function readyMessage(view: FleetView, ready: FleetView['conditions'][number]): string {
  if (ready.reason !== 'HookFailed') return ready.message;
  const where = view.pools.flatMap((p) =>
    p.errors.filter((e) => e.kind === 'HookFailed').map((e) => `${e.server} (pool ${p.name})`),
  );
  return where.length === 0
    ? ready.message
    : `hook failed on ${where.join(', ')}: what happened and the retry command are in its pool below`;
}

function header(view: FleetView): VNode {
  const ready = view.conditions.find((c) => c.type === 'Ready');
  const found = view.conditions.find((c) => c.type === 'Stalled' && c.status);
  // The same failure as Ready's (a failed hook) is not said twice.
  const stalled =
    found !== undefined &&
    ready !== undefined &&
    (found.message === ready.message || found.reason === ready.reason)
      ? undefined
      : found;
  const attempted = view.lastAttemptedRevision;
  const invalid = attempted !== null && attempted.errors.length > 0;
  return h(
    'header',
    {},
    h(
      'div',
      { class: 'top' },
      h('h1', {}, 'quiesce'),
      h(
        'span',
        {
          class: `badge ${readyTone(ready)}`,
          id: 'ready',
        },
        ready === undefined ? 'Starting' : ready.status ? 'Ready' : ready.reason,
      ),
      h('span', { class: 'dim' }, ` ${view.source} · ${view.mode}`),
    ),
    ready !== undefined && !ready.status
      ? h('p', { class: 'message' }, readyMessage(view, ready))
      : null,
    stalled === undefined
      ? null
      : h('p', { class: 'message bad' }, `Stalled (${stalled.reason}): ${stalled.message}`),
    revision('last applied', view.lastAppliedRevision),
    invalid || attempted?.id !== view.lastAppliedRevision?.id
      ? revision('last attempted', attempted)
      : null,
    invalid
      ? h(
          'ul',
          { class: 'problems' },
          ...attempted.errors.map((e) =>
            h('li', {}, h('code', {}, `${e.file}:${e.line}:${e.column}`), ` ${e.message}`),
          ),
        )
      : null,
    h(
      'p',
      { class: 'dim small' },
      view.lastReconcile === null
        ? 'no round yet'
        : `last round ${when(view.lastReconcile.at)} UTC, ${view.lastReconcile.durationMs} ms, ${view.lastReconcile.executed} steps`,
    ),
    ...view.notifications
      .filter((n) => n.failures > 0)
      .map((n) =>
        h(
          'p',
          { class: 'message bad' },
          `notification ${n.name} (${n.format}): ${n.failures} failed deliveries; last: ${n.lastError ?? ''}`,
        ),
      ),
  );
}

/** Tone of a round server's phase. */
const PHASE_TONE: Record<string, string> = {
  done: 'ok',
  settling: 'ok',
  returning: 'ok',
  draining: 'busy',
  'hook-running': 'busy',
  'waiting-window': 'dim',
  'blocked-gate': 'bad',
  stalled: 'bad',
};

const ROUND_TONE: Record<string, string> = {
  done: 'ok',
  running: 'busy',
  waiting: 'dim',
  stopped: 'bad',
};

/** The pool's maintenance windows: open now or not, and when that changes. */
function windows(w: NonNullable<PoolView['windows']>): VNode {
  return h(
    'p',
    { class: 'windows', 'data-window': w.open ? 'open' : 'closed' },
    h('b', {}, 'Windows '),
    h('span', { class: `badge ${w.open ? 'ok' : 'dim'}` }, w.open ? 'open' : 'closed'),
    // The badge already says open or closed: the text goes on from there ("until …", "opens …").
    ` ${w.text.replace(/^(open|closed),? /, '')}`,
  );
}

/** The pool's maintenance round: its state, and each server's phase (keyed: sent again only when it changed). */
function rollout(r: NonNullable<PoolView['rollout']>, failed: ReadonlySet<string>): VNode {
  return h(
    'div',
    { class: 'rollout', 'data-rollout': r.id, 'data-key': `rollout:${r.pool}` },
    h(
      'div',
      { class: 'name' },
      h('b', {}, `Maintenance ${r.id}`),
      h('span', { class: `badge ${ROUND_TONE[r.state] ?? 'dim'}` }, r.state),
      h('span', {}, r.message),
    ),
    h('div', { class: 'dim small' }, `window: ${r.window}`),
    h(
      'table',
      {},
      h(
        'tbody',
        {},
        ...r.servers.map((s) =>
          h(
            'tr',
            { 'data-phase': s.phase, 'data-round-server': s.name },
            h('td', {}, s.name),
            h('td', {}, h('span', { class: `badge ${PHASE_TONE[s.phase] ?? 'dim'}` }, s.phase)),
            // A failed hook's words are in the pool's error line below (with the retry command): not twice.
            h('td', { class: 'what' }, failed.has(s.name) ? 'hook failed: see below' : s.text),
          ),
        ),
      ),
    ),
    r.next.length === 0 ? null : h('div', { class: 'dim small' }, `next: ${r.next.join(', ')}`),
  );
}

/** Who recorded a stored pool, when, and how long before this view (`serve`). */
function recordedLine(recorded: NonNullable<PoolView['recorded']>, now: string): VNode {
  const age = Date.parse(now) - Date.parse(recorded.at);
  const ago = Number.isFinite(age) && age >= 0 ? `, ${formatDuration(age)} ago` : '';
  return h(
    'p',
    { class: 'dim small' },
    `recorded ${when(recorded.at)} UTC by ${recorded.by}${ago}`,
  );
}

/**
 * Whether the pool has a problem (Blocked, Failed, Stalled): then its server cards are on the page without a
 * click. Any other pool starts as its summary row, its cards fetched when it is opened (`serverCards`).
 */
export const troubled = (p: PoolView) =>
  p.blocked.length + p.errors.length > 0 ||
  (p.rollout !== null &&
    (p.rollout.state === 'stopped' ||
      p.rollout.servers.some((s) => s.phase === 'stalled' || s.phase === 'blocked-gate'))) ||
  p.servers.some(
    (s) =>
      s.error !== null || s.services.some((x) => x.health === 'Stalled' || x.health === 'Degraded'),
  );

/** The pool's summary row: servers, draining, sessions, and how many servers are in each state. */
function summaryRow(p: PoolView, draining: number, sessions: number): string {
  if (p.suspended) return 'suspended';
  const states = new Map<string, number>();
  for (const s of p.servers) {
    const state =
      s.error?.kind ??
      (['Stalled', 'Degraded', 'Unknown', 'Draining', 'Paused', 'Active', 'Drained'] as const).find(
        (h) => s.services.some((x) => x.health === h),
      ) ??
      'Unknown';
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  const counts = [...states].map(([state, n]) => `${n} ${state}`).join(', ');
  return `${p.servers.length} servers · ${draining} draining · ${sessions} sessions${counts === '' ? '' : ` · ${counts}`}`;
}

function pool(p: PoolView, history: SessionHistory, now: string): VNode {
  const draining = p.servers.filter((s) => s.services.some((x) => x.desired === 'draining')).length;
  const sessions = p.servers.flatMap((s) => s.services).reduce((n, s) => n + (s.sessions ?? 0), 0);
  const open = troubled(p);
  return h(
    'section',
    // Keyed (as are its servers and their cards), so an update resends only the pools that changed.
    { class: 'pool', 'data-pool': p.name, 'data-key': `pool:${p.name}` },
    h('h2', {}, p.name),
    p.recorded === null ? null : recordedLine(p.recorded, now),
    p.windows === null ? null : windows(p.windows),
    p.rollout === null
      ? null
      : rollout(
          p.rollout,
          new Set(p.errors.filter((e) => e.kind === 'HookFailed').map((e) => e.server)),
        ),
    ...p.blocked.map((b) =>
      h('p', { class: 'blocked' }, h('b', {}, `Blocked ${b.server} [${b.rule}]: `), b.message),
    ),
    ...p.errors.map((e) =>
      h(
        'p',
        { class: 'error' },
        h('b', {}, `${e.server}${e.service === null ? '' : ` ${e.service}`} ${e.kind}: `),
        e.message,
      ),
    ),
    ...p.waiting.map((w) => h('p', { class: 'dim' }, `${w.server} ${w.service}: ${w.message}`)),
    h(
      'details',
      // Keyed, so the page keeps the reader's open or closed pool the same element when lines come above it.
      { class: 'pool-servers', 'data-key': `details:${p.name}`, ...(open ? { open: '' } : {}) },
      h('summary', { class: 'pool-summary' }, summaryRow(p, draining, sessions)),
      open ? serverCards(p, history) : lazyCards(p, history),
    ),
  );
}

/** The pool's server cards (keyed `servers:<pool>`, each card keyed too): inline, or fetched on expand. */
export function serverCards(p: PoolView, history: SessionHistory): VNode {
  return h(
    'div',
    { class: 'servers', 'data-key': `servers:${p.name}` },
    ...p.servers.map((server) =>
      h(
        'article',
        {
          class: 'server',
          'data-server': server.name,
          'data-key': `server:${p.name}/${server.name}`,
        },
        h(
          'div',
          { class: 'name' },
          h('b', {}, server.name),
          h('span', { class: `mode ${server.mode}` }, server.mode),
          sparkline(history.of(`${p.name}/${server.name}`)),
        ),
        server.reason === null ? null : h('div', { class: 'dim small' }, server.reason),
        server.error === null
          ? null
          : h('div', { class: 'error' }, `${server.error.kind}: ${server.error.message}`),
        h(
          'table',
          {},
          h(
            'tbody',
            {},
            ...server.services.map((s) =>
              h(
                'tr',
                {},
                h('td', {}, s.name),
                // Only a service overridden away from its server's mode says its own: room for the rest.
                h('td', { class: 'dim' }, s.desired === server.mode ? '' : s.desired),
                h('td', {}, h('span', { class: `badge ${TONE[s.health]}` }, s.health)),
                h(
                  'td',
                  { class: 'num', 'data-sessions': '' },
                  s.sessions === null ? '?' : String(s.sessions),
                ),
                h(
                  'td',
                  { class: 'dim state' },
                  s.status === null ? '-' : `${s.status} ${s.startType ?? ''}`,
                ),
                h(
                  'td',
                  { class: s.sync === 'Synced' ? 'dim sync' : 'busy sync' },
                  s.sync === 'OutOfSync' ? 'Out of sync' : s.sync,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A collapsed pool's cards as a placeholder: their digest only, so the page knows when to fetch them again. */
function lazyCards(p: PoolView, history: SessionHistory): VNode {
  return h('div', {
    class: 'servers',
    'data-key': `servers:${p.name}`,
    'data-cards': digest(JSON.stringify(serverCards(p, history))),
  });
}

/** The page body for a view. */
export function layout(view: FleetView, history: SessionHistory): VNode {
  return h(
    'main',
    { id: 'root' },
    header(view),
    ...view.pools.map((p) => pool(p, history, view.at)),
    view.pools.length === 0
      ? h('p', { class: 'dim' }, 'No pools yet: waiting for a valid revision.')
      : null,
  );
}
