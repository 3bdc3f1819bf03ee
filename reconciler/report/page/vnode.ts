// A tiny element tree: rendered to escaped HTML on the server, built with DOM calls (text as text) in the browser.

/** Text, or an element with attributes and children. Tag and attribute names come from code, never from data. */
export type VNode = string | { t: string; a?: Record<string, string>; c?: VNode[] };

/** An element. */
export const h = (
  t: string,
  a: Record<string, string> = {},
  ...c: (VNode | null | false)[]
): VNode => ({
  t,
  a,
  c: c.filter((x): x is VNode => x !== null && x !== false),
});

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element or a quoted attribute. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

const SAFE_NAME = /^[a-zA-Z][a-zA-Z0-9-]*$/;

/** The HTML of a tree; every text and attribute value escaped, event-handler attributes refused. */
export function toHtml(node: VNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  if (!SAFE_NAME.test(node.t)) throw new Error(`bad tag ${node.t}`);
  const attributes = Object.entries(node.a ?? {})
    .map(([name, value]) => {
      if (!SAFE_NAME.test(name) || /^on/i.test(name)) throw new Error(`bad attribute ${name}`);
      return ` ${name}="${escapeHtml(value)}"`;
    })
    .join('');
  return `<${node.t}${attributes}>${(node.c ?? []).map(toHtml).join('')}</${node.t}>`;
}
