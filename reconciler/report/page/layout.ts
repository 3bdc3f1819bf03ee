// The status page's content as an element tree: conditions, revisions, and every pool's servers and services.
import { formatDuration } from '../../duration.ts';
import type { Health } from '../../plan/index.ts';
import type { FleetView, PoolView } from '../fleet-view.ts';
import type { SessionHistory } from '../session-history.ts';
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
    r.subject === null ? null : h('span', { class: 'subject' }, ` ${r.subject}`),
    r.author === null ? null : h('span', { class: 'dim' }, ` — ${r.author}`),
    h('span', { class: 'dim' }, ` at ${when(r.at)}`),
  );
}

function header(view: FleetView): VNode {
  const ready = view.conditions.find((c) => c.type === 'Ready');
  const stalled = view.conditions.find((c) => c.type === 'Stalled' && c.status);
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
          class: `badge ${ready?.status ? 'ok' : ready === undefined ? 'dim' : 'bad'}`,
          id: 'ready',
        },
        ready === undefined ? 'Starting' : ready.status ? 'Ready' : ready.reason,
      ),
      h('span', { class: 'dim' }, ` ${view.source} · ${view.mode}`),
    ),
    ready !== undefined && !ready.status ? h('p', { class: 'message' }, ready.message) : null,
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
function rollout(r: NonNullable<PoolView['rollout']>): VNode {
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
            h('td', { class: 'what' }, s.text),
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

function pool(p: PoolView, history: SessionHistory, now: string): VNode {
  const draining = p.servers.filter((s) => s.services.some((x) => x.desired === 'draining')).length;
  const sessions = p.servers.flatMap((s) => s.services).reduce((n, s) => n + (s.sessions ?? 0), 0);
  return h(
    'section',
    { class: 'pool', 'data-pool': p.name },
    h(
      'h2',
      {},
      p.name,
      h(
        'span',
        { class: 'dim small' },
        p.suspended
          ? ' suspended'
          : ` ${p.servers.length} servers · ${draining} draining · ${sessions} sessions`,
      ),
    ),
    p.recorded === null ? null : recordedLine(p.recorded, now),
    p.windows === null ? null : windows(p.windows),
    p.rollout === null ? null : rollout(p.rollout),
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
      'div',
      { class: 'servers' },
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
                  h('td', { class: 'dim' }, s.desired),
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
    ),
  );
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
