// The page's stylesheet and its script, served as files so the page can forbid inline script (CSP).

/** /app.css: readable on a phone (one column), denser on a wide screen. */
export const CSS = `
:root{color-scheme:light dark;--ok:#1a7f37;--busy:#9a6700;--bad:#cf222e;--info:#0969da;--dim:#6e7781;--bg:#fff;--card:#f6f8fa;--line:#d0d7de}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--line:#30363d;--ok:#3fb950;--busy:#d29922;--bad:#f85149;--info:#1f6feb;--dim:#8b949e}}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:var(--bg)}
main{max-width:1200px;margin:0 auto;padding:12px}
h1{font-size:20px;margin:0 8px 0 0;display:inline}h2{font-size:17px;margin:18px 0 6px}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:4px}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:13px;color:#fff;white-space:nowrap}
.badge.ok{background:var(--ok)}.badge.info{background:var(--info)}.badge.busy{background:var(--busy)}.badge.bad{background:var(--bad)}.badge.dim{background:var(--dim)}
.dim{color:var(--dim)}.small{font-size:13px}.busy{color:var(--busy)}.bad,.error{color:var(--bad)}
.badge.ok,.badge.busy,.badge.bad,.badge.dim,.badge.info{color:#fff}
.message{margin:6px 0}.rev{margin:2px 0;overflow-wrap:anywhere}.subject{font-weight:600;display:inline-block;max-width:100%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;vertical-align:bottom}
.rollout{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--busy);border-radius:8px;padding:8px 10px;margin:6px 0}
.rollout td.what{white-space:normal;font-size:13px;width:100%}.windows{margin:6px 0}
.blocked{background:color-mix(in srgb,var(--bad) 12%,transparent);border-left:4px solid var(--bad);padding:6px 10px;margin:6px 0;overflow-wrap:anywhere}
.servers{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:10px}
.server{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 10px;min-width:0}
.name{display:flex;align-items:center;gap:8px;flex-wrap:wrap;overflow-wrap:anywhere}
.mode{font-size:12px;border:1px solid var(--line);border-radius:4px;padding:0 5px}.mode.draining{color:var(--busy);border-color:var(--busy)}
.spark{margin-left:auto;color:var(--busy)}
table{width:100%;border-collapse:collapse;margin-top:4px;font-size:14px}td{padding:2px 4px;border-top:1px solid var(--line);white-space:nowrap}
td.state,td.sync{white-space:normal;font-size:12px;line-height:1.2}
.server td:first-child,.server td.state{overflow-wrap:anywhere}
.pool-summary{cursor:pointer;padding:6px 10px;margin:4px 0 8px;background:var(--card);border:1px solid var(--line);border-radius:8px;font-size:14px;overflow-wrap:anywhere}
td.num{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
#live{position:fixed;right:8px;bottom:8px;font-size:12px}
@media (max-width:600px){main{padding:8px}.servers{grid-template-columns:1fr}td.state{display:none}}
`;

/** /app.js: follows /events and patches the page to the element tree; data only ever becomes text nodes. */
export const CLIENT_JS = `'use strict';
const SVG = 'http://www.w3.org/2000/svg';
function build(node, svg) {
  if (typeof node === 'string') return document.createTextNode(node);
  const inSvg = svg || node.t === 'svg';
  const el = inSvg ? document.createElementNS(SVG, node.t) : document.createElement(node.t);
  for (const [name, value] of Object.entries(node.a || {})) {
    if (/^on/i.test(name)) continue;
    el.setAttribute(name, value);
  }
  const children = node.c || [];
  if (children.length === 1 && typeof children[0] === 'string') el.textContent = children[0];
  else for (const child of children) el.appendChild(build(child, inSvg));
  return el;
}
/** Brings the live element in line with the tree, touching only what changed (text stays text). */
function patch(el, node, svg) {
  if (typeof node === 'string') {
    if (el.nodeValue !== node) el.nodeValue = node;
    return;
  }
  const inSvg = svg || node.t === 'svg';
  const attributes = node.a || {};
  // A pool the reader opened or closed (its summary row clicked) stays so; the others follow the page.
  const lazy = 'data-cards' in attributes;
  const mine = (name) =>
    name === 'data-touched' || (name === 'open' && el.hasAttribute('data-touched')) || (lazy && name === 'data-loaded');
  for (const { name } of Array.from(el.attributes)) if (!(name in attributes) && !mine(name)) el.removeAttribute(name);
  for (const [name, value] of Object.entries(attributes))
    if (!/^on/i.test(name) && !mine(name) && el.getAttribute(name) !== value) el.setAttribute(name, value);
  // A collapsed pool's cards come from /api/cards when it is open (loadCards), not with the update.
  if (lazy) return;
  const children = node.c || [];
  for (let i = 0; i < children.length; i += 1) {
    const current = el.childNodes[i];
    const child = children[i];
    if (typeof child !== 'string' && child.t === '=') {
      // Unchanged since the last update: keep the element with that key, moving it here if it moved.
      const key = child.a['data-key'];
      if (current && current.nodeType === 1 && current.getAttribute('data-key') === key) continue;
      const kept = document.querySelector('[data-key="' + CSS.escape(key) + '"]');
      if (kept === null) throw new Error('stale');
      el.insertBefore(kept, current || null);
      continue;
    }
    const same = current && (typeof child === 'string' ? current.nodeType === 3 : current.nodeType === 1 && current.localName === child.t);
    if (same) patch(current, child, inSvg);
    else if (current) el.replaceChild(build(child, inSvg), current);
    else el.appendChild(build(child, inSvg));
  }
  while (el.childNodes.length > children.length) el.removeChild(el.lastChild);
}
const loading = new Set();
/** Fetches the cards of each open pool sent collapsed whose cards changed (data-cards); empties closed ones. */
function loadCards() {
  for (const el of document.querySelectorAll('[data-cards]')) {
    const details = el.closest('details');
    if (details === null || !details.open) {
      if (el.firstChild !== null) el.replaceChildren();
      el.removeAttribute('data-loaded');
      continue;
    }
    if (el.getAttribute('data-loaded') === el.getAttribute('data-cards')) continue;
    const pool = el.closest('[data-pool]')?.getAttribute('data-pool');
    if (!pool || loading.has(pool)) continue;
    loading.add(pool);
    fetch('api/cards?pool=' + encodeURIComponent(pool))
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((cards) => {
        const now = document.querySelector('[data-key="' + CSS.escape('servers:' + pool) + '"]');
        if (now === null || !now.hasAttribute('data-cards') || !now.closest('details')?.open) return;
        now.replaceChildren(...(cards.tree.c || []).map((child) => build(child, false)));
        now.setAttribute('data-loaded', cards.cards);
      })
      .catch(() => {
        live.textContent = 'reconnecting';
        live.className = 'badge bad';
      })
      .finally(() => loading.delete(pool));
  }
}
document.addEventListener('toggle', (event) => {
  if (event.target instanceof HTMLDetailsElement) loadCards();
}, true);
document.addEventListener('click', (event) => {
  const summary = event.target instanceof Element ? event.target.closest('summary') : null;
  if (summary !== null && summary.parentElement !== null) summary.parentElement.setAttribute('data-touched', '');
});
const live = document.getElementById('live');
let seq = Number(document.body.dataset.updated);
let events = null;
function connect() {
  if (events !== null) events.close();
  events = new EventSource('events');
  events.onmessage = (message) => {
    const update = JSON.parse(message.data);
    // A delta applies only on top of the update it was made from; otherwise start over with a whole one.
    if (update.base !== undefined && update.base !== seq) return connect();
    try {
      patch(document.getElementById('root'), update.body, false);
    } catch {
      return connect();
    }
    seq = update.seq;
    loadCards();
    document.title = update.title;
    live.textContent = 'live';
    live.className = 'badge ok';
    document.body.dataset.updated = String(update.seq);
  };
  events.onerror = () => {
    live.textContent = 'reconnecting';
    live.className = 'badge bad';
  };
}
connect();
`;
