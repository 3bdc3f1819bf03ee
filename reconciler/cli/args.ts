// Parses one command's arguments; a mistake is a usage error (exit 64), never a guess.
import { parseArgs } from 'node:util';
import { err, ok, type Result } from 'neverthrow';

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

/** parseArgs without throwing: unknown options and missing values come back as a message. */
export function parseCommandArgs(args: string[], options: OptionTable): Result<ParsedArgs, string> {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...commonOptions, ...options },
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
