// Turns ajv's errors into messages written for operators, placed at the offending key or value.
import type { ErrorObject } from 'ajv';
import type { LoadIssue } from '../errors.ts';
import { issueAt } from './issue.ts';
import { escapePointer } from './positions.ts';
import { clip, quote } from './quote.ts';
import { SERVICE_PRESETS } from './service-presets.ts';
import type { DidYouMean } from './suggest.ts';

/** Finds file:line:column for a JSON pointer; `key` asks for the mapping key rather than its value. */
export type Locate = (pointer: string, key: boolean) => { line: number; column: number };

type SchemaNode = {
  description?: string;
  properties?: Record<string, SchemaNode>;
  'x-hint'?: string;
  /** What to write instead when a number stands where text is expected (`duration: 0`). */
  'x-number-hint'?: string;
  enum?: unknown[];
};

/** People-readable issues for one document's ajv errors (wrapper errors dropped). */
export function schemaIssues(
  file: string,
  errors: ErrorObject[],
  locate: Locate,
  didYouMean: DidYouMean,
): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = toIssue(file, error, locate, didYouMean);
    if (issue === null) continue;
    const id = `${issue.line}:${issue.column}:${issue.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push(issue);
  }
  return issues;
}

/** `spec.servers["fe01.contoso.com"].mode` for a JSON pointer. */
export function describePath(pointer: string): string {
  if (pointer === '') return 'the document';
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment, i) =>
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)
        ? `${i === 0 ? '' : '.'}${segment}`
        : /^[0-9]+$/.test(segment)
          ? `[${segment}]`
          : `[${JSON.stringify(clip(segment))}]`,
    )
    .join('');
}

const typeWords: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return 'text';
}

/**
 * What to write when a number or true/false stands where text is expected: the schema's own advice, or quotes
 * (YAML reads `0`, `1.5` and `yes` as other things than text).
 */
function typeHint(error: ErrorObject, parent: SchemaNode): string | null {
  if (error.params.type !== 'string') return null;
  const data = error.data;
  if (typeof data !== 'number' && typeof data !== 'boolean') return null;
  const advice = parent['x-number-hint'];
  if (advice !== undefined && typeof data === 'number') return advice;
  const what = parent['x-hint'];
  return `put it in quotes ("${String(data)}") to make it text${what === undefined ? '' : `: a ${what}`}`;
}

/** What to do about a value its pattern refuses, where the name of the value alone does not say it. */
const PATTERN_FIXES: Readonly<Record<string, string>> = {
  '/spec/lync/pool':
    "write the pool's FQDN as Get-CsPool lists it, such as pool01.contoso.com (no trailing dot, no '_')",
};

/** What to do about a key written with nothing after it. */
const EMPTY_HINT =
  'write the value after the colon (or indented on the lines below), or remove the key';

function toIssue(
  file: string,
  error: ErrorObject,
  locate: Locate,
  didYouMean: DidYouMean,
): LoadIssue | null {
  const at = (pointer: string, key: boolean, message: string, hint: string | null = null) => {
    const { line, column } = locate(pointer, key);
    return issueAt('schema', file, line, column, message, hint);
  };
  const path = error.instancePath;
  const where = describePath(path);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const nameHint = parent['x-hint'];
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return null; // wrappers: the specific error is reported on its own
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      const child = `${path}/${escapePointer(name)}`;
      return at(
        child,
        true,
        `unknown field ${quote(name)} in ${where}`,
        didYouMean(name, known) ?? `allowed here: ${known.join(', ')}`,
      );
    }
    case 'required': {
      const name = String(error.params.missingProperty);
      const description = parent.properties?.[name]?.description ?? null;
      return at(path, false, `${where} is missing the required field \`${name}\``, description);
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const expected = `expected ${allowed.length === 1 ? '' : 'one of '}${allowed.join(', ')}`;
      if (error.data === null) return at(path, false, `${where} is empty; ${expected}`, EMPTY_HINT);
      return at(
        path,
        false,
        `${quote(error.data)} is not a valid value for ${where}; ${expected}`,
        typeof error.data === 'string' ? didYouMean(error.data, allowed) : null,
      );
    }
    case 'type':
      if (path === '/spec/services' && typeof error.data === 'string') {
        const presets = Object.keys(SERVICE_PRESETS);
        return at(
          path,
          false,
          `${quote(error.data)} is not a service preset; spec.services is a preset (${presets.join(', ')}) or a list of Windows service names`,
          didYouMean(error.data, presets) ?? `a single service is a list too: [${error.data}]`,
        );
      }
      return at(
        path,
        false,
        `${where} must be ${typeWords[String(error.params.type)] ?? error.params.type}, not ${typeOf(error.data)}`,
        error.data === null
          ? EMPTY_HINT
          : (typeHint(error, parent) ??
              (error.params.type === 'array' ? (nameHint ?? null) : null)),
      );
    case 'pattern':
    case 'maxLength':
    case 'minLength': {
      const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
      const what = nameHint ?? 'value';
      if (propertyName !== undefined) {
        return at(
          `${path}/${escapePointer(propertyName)}`,
          true,
          `${quote(propertyName)} in ${where} is not a valid ${what}`,
        );
      }
      if (error.keyword === 'maxLength') {
        return at(path, false, `${where} is too long (at most ${error.params.limit} characters)`);
      }
      if (error.data === '') {
        const item = /\/[0-9]+$/.test(path);
        return at(
          path,
          false,
          `"" (empty text) is not a valid ${what} for ${where}`,
          `write ${nameHint === undefined ? 'a value' : `a ${nameHint}`} between the quotes, or remove ${item ? 'the item from the list' : 'the key'}`,
        );
      }
      return at(
        path,
        false,
        `${quote(error.data)} is not a valid ${what} for ${where}`,
        PATTERN_FIXES[path] ?? null,
      );
    }
    case 'minimum':
      return at(
        path,
        false,
        `${where} must be at least ${error.params.limit}, not ${clip(String(error.data))}`,
      );
    case 'minItems':
    case 'minProperties':
      return at(path, false, `${where} must not be empty`);
    case 'maxProperties': {
      const keys = Object.keys((error.data ?? {}) as object);
      const second = keys[1] ?? '';
      return at(
        `${path}/${escapePointer(second)}`,
        true,
        `${where} takes only one of ${Object.keys(parent.properties ?? {}).join(', ')}; found ${keys.map((key) => clip(key)).join(' and ')}`,
        'keep the one rule you mean',
      );
    }
    case 'uniqueItems': {
      const j = Number(error.params.j);
      const value = Array.isArray(error.data) ? error.data[j] : undefined;
      return at(
        `${path}/${j}`,
        false,
        `${where} lists ${quote(value)} twice`,
        'remove one of them',
      );
    }
    default:
      return at(path, false, `${where} ${error.message ?? 'is invalid'}`);
  }
}
