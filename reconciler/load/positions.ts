// Maps offsets to line:column, and JSON pointers to offsets, from js-yaml's event stream.
import { EVENT_ID, type Event, getScalarValue, SCALAR_STYLE } from 'js-yaml';

/** Where a node sits in the source: its key (for mapping values) and its value. */
export interface NodeOffsets {
  key: number | null;
  value: number;
}

/** Offsets of every node of one document, by JSON pointer ("" is the document). */
export type PointerMap = Map<string, NodeOffsets>;

/** Offsets at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset (an offset before the text counts as its start). */
export function positionOf(starts: number[], at: number): { line: number; column: number } {
  const offset = Math.max(0, at);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
}

/** Escapes one JSON-pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

interface Frame {
  kind: 'map' | 'seq';
  pointer: string;
  offset: number;
  index: number;
  key: string | null;
  keyOffset: number;
}

function nodeStart(event: Event): number {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      if (event.anchorStart >= 0) return event.anchorStart;
      // A quoted scalar's value starts after its opening quote; point at the quote.
      return event.style === SCALAR_STYLE.SINGLE_QUOTED ||
        event.style === SCALAR_STYLE.DOUBLE_QUOTED
        ? event.valueStart - 1
        : event.valueStart;
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.anchorStart >= 0 ? event.anchorStart : event.start;
    case EVENT_ID.ALIAS:
      return Math.max(0, event.anchorStart - 1);
    default:
      return 0;
  }
}

/** One PointerMap per document of the stream. Nodes reached through an alias point at the alias. */
export function pointerMaps(source: string, events: Event[]): PointerMap[] {
  const maps: PointerMap[] = [];
  let map: PointerMap = new Map();
  const stack: Frame[] = [];
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      map = new Map();
      maps.push(map);
      stack.length = 0;
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    // An empty value (`budget:` with nothing after it) has no offset of its own: it sits at its key.
    const start = nodeStart(event);
    const offset =
      start >= 0
        ? start
        : top?.kind === 'map' && top.key !== null
          ? top.keyOffset
          : (top?.offset ?? 0);
    let pointer = '';
    let keyOffset: number | null = null;
    if (top?.kind === 'seq') {
      pointer = `${top.pointer}/${top.index++}`;
    } else if (top?.kind === 'map') {
      if (top.key === null) {
        // A key: remember it; complex keys are rejected by the loader before we get here.
        top.key = event.type === EVENT_ID.SCALAR ? getScalarValue(source, event) : '';
        top.keyOffset = offset;
        continue;
      }
      pointer = `${top.pointer}/${escapePointer(top.key)}`;
      keyOffset = top.keyOffset;
      top.key = null;
    }
    map.set(pointer, { key: keyOffset, value: offset });
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push({
        kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq',
        pointer,
        offset,
        index: 0,
        key: null,
        keyOffset: 0,
      });
    }
  }
  return maps;
}
