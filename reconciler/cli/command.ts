// A command's descriptor (name, summary, arguments, options, run): a file + 1 list entry.
import type { OptionTable, ParsedArgs } from './args.ts';
import type { Io } from './io.ts';

/** One positional argument of a command, for usage and --help. */
export interface Positional {
  /** Its name in usage (PATH, POOL). */
  name: string;
  /** What it is, for --help (one phrase, no full stop). */
  help: string;
  /** The default help shows; the command applies it. */
  default?: string;
  /** Usage writes it in brackets. */
  optional?: boolean;
  /** It may be given more than once (PATH...). */
  repeats?: boolean;
  /** Usage offers this option as the alternative: [PATH | --git URL …]. */
  or?: string;
}

/** One command: everything its usage line, its --help and main() need. */
export interface Command {
  /** The word after `quiesce`. */
  name: string;
  /** One line for `quiesce --help`'s command list. */
  summary: string;
  /** Its positional arguments, in order. */
  positionals: readonly Positional[];
  /** Every option it takes beyond --help and --version. */
  options: OptionTable;
  /** What it does, in paragraphs separated by a blank line (re-wrapped to the terminal). */
  about: string;
  /** Its exit codes besides 64 (usage error, every command's), with what each means. */
  exitCodes: readonly (readonly [code: number, meaning: string])[];
  /** Runs it; returns the exit code. */
  run(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number>;
}
