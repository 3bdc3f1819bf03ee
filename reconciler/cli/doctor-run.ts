// What `quiesce doctor` does; its descriptor (options, help) is doctor.ts, and main loads this file on use.
import { doctorOnce } from '../engine/doctor.ts';
import { doctorJson, doctorText } from '../report/doctor-report.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { clockOf, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

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
