// `quiesce validate`: load the desired state and report every problem, changing nothing.
import { loadDesiredState } from '../load/index.ts';
import {
  issuesGithub,
  issuesJson,
  issuesText,
  type ValidationReport,
} from '../report/load-issues.ts';
import { createStyle } from '../report/style.ts';
import { type OptionTable, oneOf, type ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { ExitCode } from './exit-codes.ts';
import { colourFor, type Io } from './io.ts';
import { usageError } from './usage-error.ts';

/** Options `validate` takes beyond the common ones. */
export const validateOptions = {
  format: {
    type: 'string',
    choices: ['text', 'json', 'github'],
    default: 'text',
    help: 'text for people, json for machines, github for GitHub Actions annotations',
  },
} satisfies OptionTable;

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

/** `quiesce validate` for main.ts's command list. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check desired-state YAML; every problem with file:line:col',
  positionals: [
    {
      name: 'PATH',
      help: 'a folder of pool files, or one file',
      default: './desired-state',
      optional: true,
      repeats: true,
    },
  ],
  options: validateOptions,
  about: `Checks every *.yaml/*.yml file under each PATH (default ./desired-state):
YAML syntax, the Pool schema (schemas/pool.schema.json), unique pool names,
each server in one pool only, overrides naming managed services.`,
  exitCodes: [
    [0, 'valid'],
    [1, 'invalid'],
  ],
  run: validate,
};
