// Dispatches `quiesce <command> …` to its command; returns the exit code.

import { applyCommand } from './apply.ts';
import { nearName, parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';
import { doctorCommand } from './doctor.ts';
import { ExitCode } from './exit-codes.ts';
import { commandHelp, mainHelp } from './help.ts';
import { historyCommand } from './history.ts';
import type { Io } from './io.ts';
import { planCommand } from './plan.ts';
import { serveCommand } from './serve.ts';
import { statusCommand } from './status.ts';
import { unlockCommand } from './unlock.ts';
import { usageError } from './usage-error.ts';
import { validateCommand } from './validate.ts';
import { version } from './version.ts';
import { watchCommand } from './watch.ts';

/** Every command, in the order help lists them: a new command is its descriptor file (+ its -run file) and one entry here. */
export const commands: readonly Command[] = [
  validateCommand,
  doctorCommand,
  planCommand,
  applyCommand,
  statusCommand,
  watchCommand,
  historyCommand,
  unlockCommand,
  serveCommand,
];

/** Runs quiesce with `argv` (without node and the script); never throws for bad input. */
export async function main(argv: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(mainHelp(commands));
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '-V' || name === '--version') {
    io.stdout.write(`quiesce ${version}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    const names = commands.map((c) => c.name);
    const match = nearName(name, names);
    const hint = match === null ? '' : `; did you mean \`${match}\`?`;
    return usageError(io, null, `unknown command '${name}'${hint} (commands: ${names.join(', ')})`);
  }
  const parsed = parseCommandArgs(rest, command.options);
  if (parsed.isErr()) return usageError(io, name, parsed.error);
  if (parsed.value.values.help === true) {
    io.stdout.write(commandHelp(command));
    return ExitCode.ok;
  }
  if (parsed.value.values.version === true) {
    io.stdout.write(`quiesce ${version}\n`);
    return ExitCode.ok;
  }
  return command.run(parsed.value, io, signal);
}
