// Lazily built file:line:column lookup for the documents of one parsed file.
import { parseEvents } from 'js-yaml';
import { MAX_DEPTH } from './limits.ts';
import type { ParsedFile } from './parse-yaml.ts';
import { lineStarts, type PointerMap, pointerMaps, positionOf } from './positions.ts';
import type { Locate } from './schema-messages.ts';

/** Returns a Locate for a document of the file. Positions are computed only when first asked for. */
export function locatorFor(parsed: ParsedFile): (documentIndex: number) => Locate {
  let maps: PointerMap[] | null = null;
  let starts: number[] | null = null;
  return (documentIndex) => (pointer, key) => {
    // Error path only: parse again for the event stream (it parsed once already, so it cannot fail).
    maps ??= pointerMaps(parsed.text, parseEvents(parsed.text, { maxDepth: MAX_DEPTH }));
    starts ??= lineStarts(parsed.text);
    const map = maps[documentIndex] ?? new Map();
    // Walk up to the nearest node that exists (a missing field is reported at its parent).
    let current = pointer;
    let node = map.get(current);
    while (node === undefined && current !== '') {
      current = current.slice(0, current.lastIndexOf('/'));
      node = map.get(current);
    }
    const offset = node === undefined ? 0 : key && node.key !== null ? node.key : node.value;
    return positionOf(starts, offset);
  };
}
