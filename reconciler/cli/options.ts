// Options several commands share, declared once: PATH/--git, store, output, concurrency, listen.
import type { OptionSpec, OptionTable } from './args.ts';
import type { Positional } from './command.ts';
import { MAX_CONCURRENCY } from './concurrency.ts';

/** PATH: the desired-state folder; --git URL replaces it. */
export const pathArgument: Positional = {
  name: 'PATH',
  help: 'folder of pool files',
  default: './desired-state',
  optional: true,
  or: 'git',
};

/** --git URL [--ref REF] [--path DIR]: the desired state from a git repository instead of PATH. */
export const sourceOptions = {
  git: {
    type: 'string',
    value: 'URL',
    help: 'read the desired state from a git repository',
  },
  ref: {
    type: 'string',
    value: 'REF',
    help: 'branch or tag with --git',
    default: 'main',
    under: 'git',
  },
  path: {
    type: 'string',
    value: 'DIR',
    help: 'folder inside the repository',
    default: 'desired-state',
    under: 'git',
  },
} satisfies OptionTable;

/** --state-dir DIR | --state URL: the folder store, or the PostgreSQL one. */
export const storeOptions = {
  'state-dir': {
    type: 'string',
    value: 'DIR',
    help: 'the folder store: audit log, locks, drains, status and simulated fleets',
    default: '.quiesce',
  },
  state: {
    type: 'string',
    value: 'URL',
    help: 'keep locks, audit, drains and status in PostgreSQL instead (postgres://USER@HOST/DB; or QUIESCE_STATE)',
    or: 'state-dir',
  },
} satisfies OptionTable;

/** -o, --output with the formats a command prints (the first is the default) and what each is for. */
export function outputOption(choices: readonly [string, ...string[]], help: string) {
  const output: OptionSpec = { type: 'string', short: 'o', choices, default: choices[0], help };
  return { output } satisfies OptionTable;
}

/** --concurrency N: how many servers are worked on at once. */
export const concurrencyOption = {
  concurrency: {
    type: 'string',
    value: 'N',
    help: `servers changed at once, 1 to ${MAX_CONCURRENCY}`,
    default: '16',
  },
} satisfies OptionTable;

/** --concurrency N on commands that only read (plan, status): how many servers are observed at once. */
export const readConcurrencyOption = {
  concurrency: {
    type: 'string',
    value: 'N',
    help: `servers read at once, 1 to ${MAX_CONCURRENCY}`,
    default: '16',
  },
} satisfies OptionTable;

/** --listen ADDR: where the status page and /metrics are served; `fallback` when a command always serves. */
export function listenOption(fallback?: string) {
  const example = fallback === undefined ? ' (such as 127.0.0.1:9464)' : '';
  const listen: OptionSpec = {
    type: 'string',
    value: 'ADDR',
    help: `serve the status page, /events, /api/status, /metrics, /healthz and /readyz on ADDR${example}; beyond loopback QUIESCE_HTTP_TOKEN must be set`,
    ...(fallback === undefined ? {} : { default: fallback }),
  };
  return { listen } satisfies OptionTable;
}
