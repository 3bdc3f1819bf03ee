// Keys of a map that must name declared services or servers: each names one (in any case), at most once.
import type { LoadIssueCode } from '../errors.ts';
import { escapePointer } from './positions.ts';
import { quote } from './quote.ts';
import { caseless } from './service-names.ts';

/** Records an issue at a JSON pointer (`key`: at the mapping key rather than its value). */
export type Report = (
  code: LoadIssueCode,
  pointer: string,
  key: boolean,
  message: string,
  hint: string | null,
) => void;

/** Where the map is, what its keys must name, and how to report a key that names nothing. */
export interface NameRule {
  at: string;
  /** Declared spelling by lower-case name. */
  declared: Map<string, string>;
  /** What an entry is, for the duplicate message ("override for service"). */
  what: string;
  duplicate: LoadIssueCode;
  unknown: LoadIssueCode;
  message: (key: string) => string;
  hint: (key: string) => string;
}

/** Reports keys that name nothing declared, and keys that name the same thing twice in different cases. */
export function checkNames(keys: string[], report: Report, rule: NameRule): void {
  const used = new Map<string, string>();
  for (const key of keys) {
    const pointer = `${rule.at}/${escapePointer(key)}`;
    const id = caseless(key);
    if (!rule.declared.has(id)) {
      report(rule.unknown, pointer, true, rule.message(key), rule.hint(key));
      continue;
    }
    const earlier = used.get(id);
    if (earlier === undefined) {
      used.set(id, key);
      continue;
    }
    report(
      rule.duplicate,
      pointer,
      true,
      `${rule.what} ${quote(rule.declared.get(id))} is given twice (${quote(earlier)} and ${quote(key)})`,
      'names ignore case, as on Windows and in DNS: keep one entry',
    );
  }
}
