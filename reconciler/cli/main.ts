// Dispatches `quiesce <command> …` to its command; returns the exit code.

import { apply, applyOptions } from './apply.ts';
import { type OptionTable, type ParsedArgs, parseCommandArgs } from './args.ts';
import { ExitCode } from './exit-codes.ts';
import { commandHelp, mainHelp } from './help.ts';
import { history, historyOptions } from './history.ts';
import type { Io } from './io.ts';
import { plan, planOptions } from './plan.ts';
import { serve, serveOptions } from './serve.ts';
import { status, statusOptions } from './status.ts';
import { unlock, unlockOptions } from './unlock.ts';
import { usageError } from './usage-error.ts';
import { validate, validateOptions } from './validate.ts';
import { version } from './version.ts';
import { watch, watchOptions } from './watch.ts';

interface Command {
  options: OptionTable;
  run(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number>;
}

const commands: Record<string, Command> = {
  validate: { options: validateOptions, run: validate },
  plan: { options: planOptions, run: plan },
  apply: { options: applyOptions, run: apply },
  status: { options: statusOptions, run: status },
  watch: { options: watchOptions, run: watch },
  history: { options: historyOptions, run: history },
  unlock: { options: unlockOptions, run: unlock },
  serve: { options: serveOptions, run: serve },
};

/** Runs quiesce with `argv` (without node and the script); never throws for bad input. */
export async function main(argv: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(mainHelp);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '-V' || name === '--version') {
    io.stdout.write(`quiesce ${version}\n`);
    return ExitCode.ok;
  }
  const command = commands[name];
  if (command === undefined) {
    const known = Object.keys(commands).join(', ');
    return usageError(io, null, `unknown command '${name}' (commands: ${known})`);
  }
  const parsed = parseCommandArgs(rest, command.options);
  if (parsed.isErr()) return usageError(io, name, parsed.error);
  if (parsed.value.values.help === true) {
    io.stdout.write(commandHelp[name] ?? mainHelp);
    return ExitCode.ok;
  }
  if (parsed.value.values.version === true) {
    io.stdout.write(`quiesce ${version}\n`);
    return ExitCode.ok;
  }
  return command.run(parsed.value, io, signal);
}
