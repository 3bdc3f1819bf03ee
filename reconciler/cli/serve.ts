// `quiesce serve`: the status page, /api/status and /metrics from the state store, without reconciling.
import { parseDuration } from '../duration.ts';
import { startHttpSurface, storePoller } from '../serve/index.ts';
import type { OptionTable, ParsedArgs } from './args.ts';
import type { Command } from './command.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import type { Io } from './io.ts';
import { listenOption, storeOptions } from './options.ts';
import { openStore } from './store.ts';
import { listenConfigOf } from './surfaces.ts';
import { usageError } from './usage-error.ts';

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

/** Serves until the signal; 0 after a clean stop, 1 when it cannot listen. */
export async function serve(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  if (args.positionals.length > 0)
    return usageError(
      io,
      'serve',
      `serve takes no PATH (got '${args.positionals[0]}'); it reads the state store (--state-dir, or --state postgres://…)`,
    );
  const listen = listenConfigOf(args, io.env, '127.0.0.1:9464');
  if (listen.isErr()) return usageError(io, 'serve', listen.error);
  const intervalText = String(args.values.interval ?? '2s');
  const intervalMs = parseDuration(intervalText);
  if (intervalMs === null)
    return usageError(
      io,
      'serve',
      `--interval must be a duration such as 2s (got '${intervalText}')`,
    );
  const store = await openStore(args, io, 'serve');
  if (store.isErr()) return engineFailure(io, 'serve', store.error);
  const poller = storePoller({
    store: store.value,
    intervalMs,
    now: Date.now,
    failing: (message) => io.stderr.write(`quiesce serve: ${message}\n`),
  });
  await poller.poll();
  const config = listen.value as NonNullable<typeof listen.value>;
  let http: Awaited<ReturnType<typeof startHttpSurface>>;
  try {
    http = await startHttpSurface(poller.surface, config.address, config.token);
  } catch (error) {
    await store.value.close();
    io.stderr.write(
      `quiesce serve: cannot listen on ${config.address.host}:${config.address.port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; choose another address or port\n`,
    );
    return ExitCode.error;
  }
  io.stdout.write(
    `quiesce serve: ${http.url} from ${store.value.location}, re-read every ${intervalText}\n`,
  );
  poller.start();
  await new Promise<void>((resolve) => {
    if (signal === undefined || signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await poller.stop();
  await http.close();
  await store.value.close();
  io.stdout.write('quiesce serve: stopped\n');
  return ExitCode.ok;
}

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
  run: serve,
};
