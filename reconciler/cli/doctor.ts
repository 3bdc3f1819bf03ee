// `quiesce doctor`: read-only checks of every target of the desired state before any apply.
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import { outputOption, pathArgument, sourceOptions } from './options.ts';

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
  // Loaded on use: --version, help and the other commands never load what doctor needs.
  run: async (args, io) => (await import('./doctor-run.ts')).doctor(args, io),
};
