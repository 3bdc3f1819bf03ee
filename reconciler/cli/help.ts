// --help pages generated from the commands' descriptors: usage, what it does, every option, exit codes.
import { commonOptions, type OptionSpec } from './args.ts';
import type { Command } from './command.ts';
import { ExitCode } from './exit-codes.ts';
import { GLUE, HELP_WIDTH, hangingWrap, twoColumns, wrapParagraphs } from './help-layout.ts';
import { pathArgument, storeOptions } from './options.ts';
import { optionForm, wrappedUsage } from './usage.ts';

/** An option's description with its default. */
const described = (spec: { help: string; default?: string }) =>
  spec.default === undefined ? spec.help : `${spec.help} (default ${spec.default})`;

/** The Options section's rows: positionals, the command's options in table order, then -h and -V. */
export function optionRows(command: Command): [string, string][] {
  const rows: [string, string][] = command.positionals.map((p) => [
    p.repeats === true ? `${p.name}...` : p.name,
    described(p),
  ]);
  const options: [string, OptionSpec][] = [
    ...Object.entries(command.options),
    ...Object.entries(commonOptions),
  ];
  for (const [name, spec] of options) rows.push([optionForm(name, spec, ', '), described(spec)]);
  return rows;
}

/** `Exit codes: 0 …, 1 …, 64 usage error.` wrapped between codes, never inside one's meaning; then `after`. */
function exitCodeLine(codes: Command['exitCodes'], after = ''): string {
  const all = [...codes, [ExitCode.usage, 'usage error'] as const];
  const text = all.map(([code, meaning]) => `${code} ${meaning}`.replaceAll(' ', GLUE)).join(', ');
  return `${hangingWrap('Exit codes: ', `${text}.${after}`, 0)}\n`;
}

/** `quiesce <command> --help`. */
export function commandHelp(command: Command): string {
  return [
    wrappedUsage(command, 'Usage: '),
    `${wrapParagraphs(command.about, HELP_WIDTH - 2)}\n`,
    `Options:\n${twoColumns(optionRows(command))}`,
    exitCodeLine(command.exitCodes),
  ].join('\n');
}

/** `quiesce --help` (and `quiesce` alone): the commands, each one's usage, the common options. */
export function mainHelp(commands: readonly Command[]): string {
  const commandRows = commands.map((c) => [c.name, c.summary] as const);
  const nameWidth = Math.max(...commands.map((c) => c.name.length));
  const store = storeOptions['state-dir'].default;
  const notes = `PATH defaults to ${pathArgument.default}; --state-dir (default ${store}) holds the audit log, the locks and the simulated fleets; --state postgres://… (or QUIESCE_STATE) keeps locks, audit, drains and status in PostgreSQL instead.`;
  const codes = exitCodeLine(
    [
      [ExitCode.ok, 'ok'],
      [ExitCode.error, 'error'],
      [ExitCode.changes, 'plan has changes or round actions (--detailed-exitcode)'],
      [ExitCode.blocked, 'blocked by policy'],
      [ExitCode.timedOut, '--wait timed out'],
    ],
    ' See docs/cli.md.',
  );
  return [
    'quiesce — take servers out of rotation for maintenance, declaratively\n',
    'Usage: quiesce <command> [options]\n',
    `Commands:\n${twoColumns(commandRows)}`,
    `Synopsis:\n${commands.map((c) => wrappedUsage(c, '  ', nameWidth)).join('')}`,
    `Options:\n${twoColumns([
      ['-h, --help', 'show help (also: quiesce <command> --help)'],
      ['-V, --version', commonOptions.version.help],
    ])}`,
    `${wrapParagraphs(notes, HELP_WIDTH - 2)}\n${codes}`,
  ].join('\n');
}
