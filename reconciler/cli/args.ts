// Parses one command's arguments; a mistake is a usage error (exit 64), never a guess.
import { parseArgs } from 'node:util';
import { err, ok, type Result } from 'neverthrow';
import { didYouMean } from '../load/suggest.ts';

/** Option table in node:util parseArgs form. */
export type OptionTable = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
>;

/** Parsed options and positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Options every command takes. */
export const commonOptions: OptionTable = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

/** The first unknown option, missing value or unwanted value in `args`, as a usage message; null if none. */
function misuse(args: string[], options: OptionTable): string | null {
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
      const longs = Object.keys(options).map((name) => `--${name}`);
      const hint = token.rawName.startsWith('--') ? didYouMean(token.rawName, longs) : null;
      return `unknown option '${token.rawName}'${hint === null ? '' : `; ${hint}`}`;
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
  const table = { ...commonOptions, ...options };
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
