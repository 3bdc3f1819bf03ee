// `quiesce validate`: load the desired state and report every problem, changing nothing.
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';

/** Options `validate` takes beyond the common ones. */
export const validateOptions = {
  format: {
    type: 'string',
    choices: ['text', 'json', 'github'],
    default: 'text',
    help: 'text for people, json for machines, github for GitHub Actions annotations',
  },
} satisfies OptionTable;

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
  // Loaded on use: --version, help and the other commands never load what validate needs.
  run: async (args, io) => (await import('./validate-run.ts')).validate(args, io),
};
