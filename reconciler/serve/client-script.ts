// The status page's script (/app.js), served as a file so the page can forbid inline script (CSP): it follows
// /events and fetches a collapsed pool's cards from /api/cards when the pool is opened.

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
    // Keyed elements (a pool, its servers) are matched by key, not by place: one that moved (a line was added
    // above it) is moved here, not rebuilt, so a pool the reader opened stays the same, open element.
    const key = typeof child === 'string' ? null : (child.a || {})['data-key'] || null;
    const currentKey = current && current.nodeType === 1 ? current.getAttribute('data-key') : null;
    if (key !== null && key !== currentKey) {
      const moved = Array.from(el.children).find((c) => c.getAttribute('data-key') === key);
      if (moved) {
        el.insertBefore(moved, current || null);
        patch(moved, child, inSvg);
        continue;
      }
    }
    const same = current && key === currentKey && (typeof child === 'string' ? current.nodeType === 3 : current.nodeType === 1 && current.localName === child.t);
    if (same) patch(current, child, inSvg);
    else if (current && currentKey === null) el.replaceChild(build(child, inSvg), current);
    else el.insertBefore(build(child, inSvg), current || null);
  }
  while (el.childNodes.length > children.length) el.removeChild(el.lastChild);
}
const loading = new Set();
const again = new Set();
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
    if (!pool) continue;
    // An update that comes while the pool's cards are on their way: look again once they are here.
    if (loading.has(pool)) {
      again.add(pool);
      continue;
    }
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
      .finally(() => {
        loading.delete(pool);
        if (again.delete(pool)) loadCards();
      });
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
