// Parses one command's arguments; a mistake is a usage error (exit 64), never a guess.
import { parseArgs } from 'node:util';
import { err, ok, type Result } from 'neverthrow';
import { distance } from '../load/suggest.ts';

/** One option of a command: how it parses (node:util parseArgs form) and how its help and usage show it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** What it does, for --help (one phrase, no full stop; wrapped to the terminal). */
  help: string;
  /** The value's name in help and usage (URL, DURATION); `choices` show instead when given. */
  value?: string;
  /** The values it takes, shown as a|b|c. */
  choices?: readonly string[];
  /** The default help shows; the parser never applies it (each command applies its own). */
  default?: string;
  /** Usage writes it without brackets (the command refuses to run without it). */
  required?: boolean;
  /** Usage nests it inside this option's brackets: [--git URL [--ref REF]]. */
  under?: string;
  /** Usage offers it as the alternative to this option: [--state-dir DIR | --state URL]. */
  or?: string;
  /** Usage gives it a line of its own: quiesce apply --retry-hook POOL SERVER [PATH] [options]. */
  ownLine?: boolean;
}

/** Option table: each option a command takes, by long name. */
export type OptionTable = Record<string, OptionSpec>;

/** Parsed options and positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Options every command takes. */
export const commonOptions = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'V', help: 'show the version' },
} satisfies OptionTable;

/** The table as node:util parseArgs takes it: type, short and multiple only (no default is applied). */
function parserTable(options: OptionTable) {
  return Object.fromEntries(
    Object.entries(options).map(([name, { type, short, multiple }]) => [
      name,
      {
        type,
        ...(short === undefined ? {} : { short }),
        ...(multiple === undefined ? {} : { multiple }),
      },
    ]),
  );
}

/**
 * The name closest to a mistyped option or command name (compared without `--`), when it is a likely typo: at
 * most one edit for names of up to 5 letters, a third of the letters beyond (so `wait` is not `git`).
 */
export function nearName(word: string, names: readonly string[]): string | null {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const name of names) {
    const d = distance(word.toLowerCase(), name.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** The first unknown option, missing value or unwanted value in `args`, as a usage message; null if none. */
function misuse(args: string[], options: ReturnType<typeof parserTable>): string | null {
  const { tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (spec === undefined) {
      const match = token.rawName.startsWith('--')
        ? nearName(token.rawName.slice(2), Object.keys(options))
        : null;
      return `unknown option '${token.rawName}'${match === null ? '' : `; did you mean \`--${match}\`?`}`;
    }
    const name = `--${token.name}`;
    if (spec.type === 'boolean' && token.value !== undefined)
      return `${name} takes no value (got '${token.value}')`;
    if (
      spec.type === 'string' &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
    )
      return `${name} needs a value${token.value === undefined ? '' : `, but the next argument '${token.value}' is an option`}`;
  }
  return null;
}

/** parseArgs without throwing: unknown options (with "did you mean") and missing values come back as a message. */
export function parseCommandArgs(args: string[], options: OptionTable): Result<ParsedArgs, string> {
  const table = parserTable({ ...commonOptions, ...options });
  try {
    const problem = misuse(args, table);
    if (problem !== null) return err(problem);
    const { values, positionals } = parseArgs({
      args,
      options: table,
      allowPositionals: true,
      strict: true,
    });
    return ok({ values, positionals });
  } catch (error) {
    return err((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
}

/** The value of a string option that must be one of `allowed`, or a usage message. */
export function oneOf<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): Result<T, string> {
  if (value === undefined) return ok(fallback);
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return ok(value as T);
  return err(`--${name} must be one of ${allowed.join(', ')} (got '${String(value)}')`);
}
