// `quiesce serve`: the status page, /api/status and /metrics from the state store, without reconciling.
import type { OptionTable } from './args.ts';
import type { Command } from './command.ts';
import { listenOption, storeOptions } from './options.ts';

/** Options `serve` takes. */
export const serveOptions = {
  ...listenOption('127.0.0.1:9464'),
  ...storeOptions,
  interval: {
    type: 'string',
    value: 'DURATION',
    help: 'how often to re-read the state store',
    default: '2s',
  },
} satisfies OptionTable;

/** `quiesce serve` for main.ts's command list. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'status page, /api/status and /metrics from the state store, without reconciling',
  positionals: [],
  options: serveOptions,
  about: `Serves what apply and watch recorded in the state store (each pool as its
last run saw it: servers, sessions, blocked reasons, maintenance rounds and
windows), without reconciling: the status page (/), /events, /api/status,
/metrics, /healthz, /readyz. A fleet applied only from CI shows too.
Read-only. Loopback by default; another address only with QUIESCE_HTTP_TOKEN
set (clients send Authorization: Bearer <token>, browsers open /?token=<token>
once).`,
  exitCodes: [
    [0, 'stopped by a signal'],
    [1, 'cannot listen or open the store'],
  ],
  // Loaded on use: --version, help and the other commands never load what serve needs.
  run: async (args, io, signal) => (await import('./serve-run.ts')).serve(args, io, signal),
};
