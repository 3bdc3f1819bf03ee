// Page updates as deltas: a keyed subtree (a server card) unchanged since the last update is sent as a reference.
import type { VNode } from './vnode.ts';

/** The tag of a reference to the element with the same `data-key` the browser already shows. */
export const KEEP = '=';

/** A tree split for sending: what changed, and what it takes to tell the next update from this one. */
export interface Delta {
  /** The tree with keyed subtrees unchanged since `previous` replaced by references. */
  tree: VNode;
  /** JSON of every keyed subtree. */
  keyed: Map<string, string>;
  /** JSON of the tree with every keyed subtree a reference: equal skeletons and keyed maps mean no change. */
  skeleton: string;
  /** How many keyed subtrees differ from `previous` (new ones included). */
  changed: number;
}

/** Splits `node` against the keyed subtrees of the previous update. */
export function deltaTree(node: VNode, previous: ReadonlyMap<string, string>): Delta {
  const keyed = new Map<string, string>();
  let changed = 0;
  const walk = (n: VNode): [VNode, VNode] => {
    if (typeof n === 'string') return [n, n];
    const key = n.a?.['data-key'];
    if (key !== undefined) {
      const json = JSON.stringify(n);
      keyed.set(key, json);
      const ref = { t: KEEP, a: { 'data-key': key } };
      if (previous.get(key) === json) return [ref, ref];
      changed += 1;
      return [n, ref];
    }
    if (n.c === undefined) return [n, n];
    const pairs = n.c.map(walk);
    return [
      { ...n, c: pairs.map(([d]) => d) },
      { ...n, c: pairs.map(([, s]) => s) },
    ];
  };
  const [tree, skeleton] = walk(node);
  if (keyed.size !== previous.size) changed += 1;
  return { tree, keyed, skeleton: JSON.stringify(skeleton), changed };
}
