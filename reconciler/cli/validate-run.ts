// What `quiesce validate` does; its descriptor (options, help) is validate.ts, and main loads this file on use.
import { loadDesiredState } from '../load/index.ts';
import {
  issuesGithub,
  issuesJson,
  issuesText,
  type ValidationReport,
} from '../report/load-issues.ts';
import { createStyle } from '../report/style.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

/** Runs validate; returns the exit code. */
export async function validate(args: ParsedArgs, io: Io): Promise<number> {
  const format = oneOf('format', args.values.format, ['text', 'json', 'github'] as const, 'text');
  if (format.isErr()) return usageError(io, 'validate', format.error);
  const paths = args.positionals.length > 0 ? args.positionals : ['desired-state'];
  const loaded = await loadDesiredState(paths);
  const report: ValidationReport = loaded.isOk()
    ? { ok: true, state: loaded.value }
    : { ok: false, issues: loaded.error };
  const render = {
    text: () => issuesText(report, createStyle(colourFor(io.stdout, io.env))),
    json: () => issuesJson(report),
    github: () => issuesGithub(report),
  }[format.value];
  io.stdout.write(render());
  return report.ok ? ExitCode.ok : ExitCode.error;
}
