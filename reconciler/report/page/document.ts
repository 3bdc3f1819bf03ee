// The whole status page: a server-rendered, escaped first paint that /app.js then keeps live.
import type { FleetView } from '../fleet-view.ts';
import type { SessionHistory } from '../session-history.ts';
import { digest } from './digest.ts';
import { layout, serverCards } from './layout.ts';
import { escapeHtml, toHtml, type VNode } from './vnode.ts';

/** What /events sends on every change: the page body as an element tree. */
export interface PageUpdate {
  seq: number;
  title: string;
  body: VNode;
}

/** The page title: the Ready state at a glance in a tab. */
export function pageTitle(view: FleetView): string {
  const ready = view.conditions.find((c) => c.type === 'Ready');
  return `${ready === undefined ? '…' : ready.status ? 'Ready' : ready.reason} · quiesce`;
}

/** The update for a view. */
export function pageUpdate(view: FleetView, history: SessionHistory, seq: number): PageUpdate {
  return { seq, title: pageTitle(view), body: layout(view, history) };
}

/** The full HTML document for an update. */
export function pageHtml(update: PageUpdate): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(update.title)}</title>
<link rel="stylesheet" href="app.css">
</head><body data-updated="${update.seq}">
${toHtml(update.body)}
<span id="live" class="badge dim">connecting</span>
<script src="app.js" defer></script>
</body></html>
`;
}

/** A pool's server cards for GET /api/cards, as `{"cards": digest, "tree": element tree}`; null for no such pool. */
export function cardsJson(view: FleetView, history: SessionHistory, pool: string): string | null {
  const found = view.pools.find((p) => p.name === pool);
  if (found === undefined) return null;
  const tree = JSON.stringify(serverCards(found, history));
  return `{"cards":${JSON.stringify(digest(tree))},"tree":${tree}}`;
}
