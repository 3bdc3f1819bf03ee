// Page updates as deltas: a keyed subtree (a pool, a server card) unchanged since the last update is sent as a reference.
import type { VNode } from './vnode.ts';

/** The tag of a reference to the element with the same `data-key` the browser already shows. */
export const KEEP = '=';

/** A tree split for sending: what changed, and what it takes to tell the next update from this one. */
export interface Delta {
  /** The tree with keyed subtrees unchanged since `previous` replaced by references. */
  tree: VNode;
  /** JSON of every keyed subtree, its nested keyed subtrees as references. */
  keyed: Map<string, string>;
  /** JSON of the tree with every keyed subtree a reference: equal skeletons and keyed maps mean no change. */
  skeleton: string;
  /** How many keyed subtrees differ from `previous` (new ones included). */
  changed: number;
}

/**
 * Splits `node` against the keyed subtrees of the previous update. Keyed subtrees nest (a pool's section holds
 * its server cards): a keyed subtree is compared with its nested keyed subtrees as references, and is sent
 * (with unchanged nested ones as references) when it or anything keyed inside it changed.
 */
export function deltaTree(node: VNode, previous: ReadonlyMap<string, string>): Delta {
  const keyed = new Map<string, string>();
  let changed = 0;
  /** [what to send, the shape with every keyed subtree a reference, whether a keyed subtree in it changed]. */
  const walk = (n: VNode): [VNode, VNode, boolean] => {
    if (typeof n === 'string') return [n, n, false];
    const key = n.a?.['data-key'];
    if (n.c === undefined && key === undefined) return [n, n, false];
    const parts = (n.c ?? []).map(walk);
    // A node is copied only where a child differs (a reference below it): the rest of the tree is shared.
    const children = n.c ?? [];
    const sent = parts.every(([d], i) => d === children[i])
      ? n
      : { ...n, c: parts.map(([d]) => d) };
    const shape = parts.every(([, s], i) => s === children[i])
      ? n
      : { ...n, c: parts.map(([, s]) => s) };
    const inside = parts.some(([, , dirty]) => dirty);
    if (key === undefined) return [sent, shape, inside];
    const json = JSON.stringify(shape);
    keyed.set(key, json);
    const ref = { t: KEEP, a: { 'data-key': key } };
    if (previous.get(key) === json && !inside) return [ref, ref, false];
    if (previous.get(key) !== json) changed += 1;
    return [sent, ref, true];
  };
  const [tree, skeleton] = walk(node);
  if (keyed.size !== previous.size) changed += 1;
  return { tree, keyed, skeleton: JSON.stringify(skeleton), changed };
}
