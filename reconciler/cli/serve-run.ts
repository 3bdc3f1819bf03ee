// What `quiesce serve` does; its descriptor (options, help) is serve.ts, and main loads this file on use.
import { parseDuration } from '../duration.ts';
import { startHttpSurface, storePoller } from '../serve/index.ts';
import type { ParsedArgs } from './args.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import type { Io } from './io.ts';
import { openStore } from './store.ts';
import { listenConfigOf } from './surfaces.ts';
import { usageError } from './usage-error.ts';

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
