// Parses a file's text into documents (YAML 1.2 core schema, duplicate keys rejected).
import {
  CORE_SCHEMA,
  constructFromEvents,
  defineMappingTag,
  EVENT_ID,
  type Event,
  parseEvents,
  YAMLException,
} from 'js-yaml';
import { err, ok, type Result } from 'neverthrow';
import type { LoadIssue } from '../errors.ts';
import { fileIssue, issueAt } from './issue.ts';
import { MAX_DEPTH, MAX_EXPANDED_NODES } from './limits.ts';
import { lineStarts, positionOf } from './positions.ts';

/**
 * YAML mappings as null-prototype objects: a key such as `constructor`, `toString` or `__proto__` is an
 * ordinary own property, and a lookup of a missing key never finds one of Object.prototype's members.
 */
const nullPrototypeMap = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => Object.create(null),
  addPair: (map, key, value) => {
    if (key !== null && typeof key === 'object') return 'complex keys are not supported';
    map[String(key)] = value;
    return '';
  },
  has: (map, key) =>
    key === null || typeof key !== 'object' ? Object.hasOwn(map, String(key)) : false,
  keys: (map) => Object.keys(map),
  get: (map, key) => map[String(key)] ?? null,
  identify: () => false,
});

/** YAML 1.2 core schema, mappings without a prototype. */
const SCHEMA = CORE_SCHEMA.withTags(nullPrototypeMap);

/**
 * A parsed file: its text and documents (empty ones dropped). The events are not kept: positions are needed
 * only for errors, and keeping every file's events alive until then costs more than parsing again.
 */
export interface ParsedFile {
  file: string;
  text: string;
  /** Documents in file order: index among the stream's documents, value, offset of its first node. */
  documents: { index: number; value: unknown; offset: number }[];
}

/** Parses YAML text; a syntax error, an alias bomb or a file with no document is an issue. */
export function parseYaml(file: string, text: string): Result<ParsedFile, LoadIssue> {
  let events: Event[];
  let values: unknown[];
  let offsets: number[];
  let aliases: boolean;
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
    ({ offsets, aliases } = scan(events));
    const bomb = aliases ? aliasBomb(text, events) : null;
    if (bomb !== null) return err(atOffset(text, file, bomb, aliasMessage));
    values = constructFromEvents(events, { source: text, filename: file, schema: SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) return err(fromException(file, text, error));
    throw error;
  }
  const documents = values
    .map((value, index) => ({ index, value, offset: offsets[index] ?? 0 }))
    .filter((document) => document.value !== null && document.value !== undefined);
  if (documents.length === 0) {
    return err(
      fileIssue(
        'empty',
        file,
        'file holds no YAML document (it is empty or only comments)',
        'add a Pool document, or delete the file',
      ),
    );
  }
  return ok({ file, text, documents });
}

/** One pass over the events: each document's first node offset, and whether any alias occurs. */
function scan(events: Event[]): { offsets: number[]; aliases: boolean } {
  const offsets: number[] = [];
  let aliases = false;
  let pending = false;
  for (const event of events) {
    if (event.type === EVENT_ID.ALIAS) {
      aliases = true;
    } else if (event.type === EVENT_ID.DOCUMENT) {
      offsets.push(0);
      pending = true;
    } else if (pending && (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE)) {
      offsets[offsets.length - 1] = event.start;
      pending = false;
    } else if (pending && event.type === EVENT_ID.SCALAR) {
      offsets[offsets.length - 1] = event.valueStart;
      pending = false;
    }
  }
  return { offsets, aliases };
}

const aliasMessage = `document expands to more than ${MAX_EXPANDED_NODES} nodes through aliases`;

/** Offset of the alias at which expansion passes the limit, or null. Counts without expanding. */
function aliasBomb(text: string, events: Event[]): number | null {
  const sizes = new Map<string, number>();
  const stack: { count: number; anchor: string | null }[] = [];
  let total = 0;
  const add = (count: number): void => {
    const top = stack[stack.length - 1];
    if (top) top.count += count;
    else total += count;
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        total = 0;
        sizes.clear();
        break;
      case EVENT_ID.SCALAR:
        if (event.anchorStart >= 0) sizes.set(text.slice(event.anchorStart, event.anchorEnd), 1);
        add(1);
        break;
      case EVENT_ID.ALIAS: {
        add(sizes.get(text.slice(event.anchorStart, event.anchorEnd)) ?? 1);
        const sum = total + stack.reduce((acc, frame) => acc + frame.count, 0);
        if (sum > MAX_EXPANDED_NODES) return event.anchorStart;
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const anchor =
          event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : null;
        stack.push({ count: 1, anchor });
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (!frame) break;
        if (frame.anchor !== null) sizes.set(frame.anchor, frame.count);
        add(frame.count);
        break;
      }
    }
  }
  return null;
}

function atOffset(text: string, file: string, offset: number, message: string): LoadIssue {
  const { line, column } = positionOf(lineStarts(text), offset);
  return issueAt('yaml', file, line, column, message, 'use fewer aliases (*name)');
}

const yamlHints: [RegExp, string][] = [
  [/tab characters/, 'indent with spaces, not tabs'],
  [/duplicated mapping key/, 'remove one of the two entries, or merge them'],
  [/complex keys/, 'use plain text as keys'],
  [
    /deficient indentation|unexpected end of the stream|missed comma|end of the stream within/,
    'check for an unclosed quote or bracket just before this point',
  ],
  [/bad indentation/, 'align the keys of one mapping at the same column'],
  [/nesting/, `nest at most ${MAX_DEPTH} levels deep`],
];

function fromException(file: string, text: string, error: YAMLException): LoadIssue {
  const mark = error.mark;
  const { line, column } = mark
    ? { line: mark.line + 1, column: mark.column + 1 }
    : positionOf(lineStarts(text), 0);
  const hint = yamlHints.find(([pattern]) => pattern.test(error.reason))?.[1] ?? null;
  return issueAt('yaml', file, line, column, `YAML syntax: ${error.reason}`, hint);
}
