// `quiesce doctor`: read-only checks of every target of the desired state before any apply.
import { doctorOnce } from '../engine/doctor.ts';
import { doctorJson, doctorText } from '../report/doctor-report.ts';
import { createStyle } from '../report/style.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { clockOf, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { outputOption, pathArgument, sourceOptions } from './options.ts';
import { usageError } from './usage-error.ts';

/** Options `doctor` takes. */
export const doctorOptions = {
  ...sourceOptions,
  'state-dir': {
    type: 'string',
    value: 'DIR',
    help: 'where --git keeps its checkout',
    default: '.quiesce',
  },
  ...outputOption(['text', 'json'], 'text for people, json for machines'),
} satisfies OptionTable;

/** Runs doctor; returns the exit code. */
export async function doctor(args: ParsedArgs, io: Io): Promise<number> {
  const output = oneOf('output', args.values.output, ['text', 'json'] as const, 'text');
  if (output.isErr()) return usageError(io, 'doctor', output.error);
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'doctor', source.error);
  const outcome = await doctorOnce(source.value, clockOf(io.env));
  if (outcome.isErr()) return engineFailure(io, 'doctor', outcome.error, output.value);
  io.stdout.write(
    output.value === 'json'
      ? doctorJson(outcome.value)
      : doctorText(outcome.value, createStyle(colourFor(io.stdout, io.env))),
  );
  return outcome.value.ready ? ExitCode.ok : ExitCode.error;
}

/** `quiesce doctor` for main.ts's command list. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check every target before the first apply; changes nothing',
  positionals: [pathArgument],
  options: doctorOptions,
  about: `Checks, read-only, that every server of every pool is what the desired state
assumes: reachable (and how: ssh, WinRM, sc.exe), its ssh host key known, its
PowerShell version, each managed service (as Windows spells it, its state,
startup type and whether it accepts pause), each session counter with its value
now, the Lync Server module where a gate needs it, this account's rights to
change each service (asked, never tried), and clock skew. One line per finding
with its fix, then a summary. Changes nothing.`,
  exitCodes: [
    [0, 'every target is ready'],
    [1, 'some check failed, or the desired state is invalid'],
  ],
  run: doctor,
};
