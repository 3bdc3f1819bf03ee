// Prints a usage error the same way for every command.
import { ExitCode } from './exit-codes.ts';
import type { Io } from './io.ts';

/** Writes `quiesce <command>: message` and where to look, and returns exit code 64. */
export function usageError(io: Io, command: string | null, message: string): number {
  const prefix = command === null ? 'quiesce' : `quiesce ${command}`;
  const help = command === null ? 'quiesce --help' : `quiesce ${command} --help`;
  io.stderr.write(`${prefix}: ${message}\nSee '${help}'.\n`);
  return ExitCode.usage;
}
