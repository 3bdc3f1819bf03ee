// What `quiesce watch` does; its descriptor (options, help) is watch.ts, and main loads this file on use.
import { KeptDrivers } from '../drivers/kept-drivers.ts';
import { parseDuration } from '../duration.ts';
import { openDrivers } from '../engine/drivers.ts';
import { recordObserved } from '../engine/record-observed.ts';
import { roundRuntime } from '../engine/rounds.ts';
import type { WatchError } from '../engine/watch-errors.ts';
import { runWatch } from '../engine/watch-run.ts';
import { createStyle } from '../report/style.ts';
import { watchEventPrinter } from '../report/watch-events.ts';
import { oneOf, type ParsedArgs } from './args.ts';
import { concurrencyOf } from './concurrency.ts';
import { engineConfig, sourceOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import { engineFailure } from './failure.ts';
import { colourFor, type Io } from './io.ts';
import { progressReporter } from './progress.ts';
import { openStore } from './store.ts';
import { listenConfigOf } from './surfaces.ts';
import { usageError } from './usage-error.ts';

/** A watch failure as the one line watch prints before exit 1. */
function watchErrorLine(error: WatchError, listen: unknown): string {
  if (error.kind === 'Listen')
    return `cannot listen on ${String(listen)}: ${error.code}; choose another address or port`;
  return error.error.message;
}

/** Runs watch until the signal; returns 0 after a clean stop. */
export async function watch(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  const mode = oneOf('mode', args.values.mode, ['apply', 'monitor'] as const, 'apply');
  if (mode.isErr()) return usageError(io, 'watch', mode.error);
  const intervalText = String(args.values.interval ?? '30s');
  const intervalMs = parseDuration(intervalText);
  if (intervalMs === null)
    return usageError(
      io,
      'watch',
      `--interval must be a duration such as 10s or 1m (got '${intervalText}')`,
    );
  const concurrency = concurrencyOf(args);
  if (concurrency.isErr()) return usageError(io, 'watch', concurrency.error);
  const source = sourceOf(args, io.env);
  if (source.isErr()) return usageError(io, 'watch', source.error);
  const listen = listenConfigOf(args, io.env, null);
  if (listen.isErr()) return usageError(io, 'watch', listen.error);
  const config = engineConfig(args, io, 'watch', { concurrency: concurrency.value });
  const store = await openStore(args, io, 'watch');
  if (store.isErr()) return engineFailure(io, 'watch', store.error);

  const style = createStyle(colourFor(io.stdout, io.env));
  const progress = progressReporter({ write: (text: string) => io.stdout.write(text) });
  const render = watchEventPrinter(style);
  const kept = new KeptDrivers();
  const watched = await runWatch(
    store.value,
    {
      source: source.value,
      mode: mode.value,
      intervalMs,
      concurrency: config.concurrency,
      retry: config.retry,
      now: config.now,
      actor: config.actor,
      listen: listen.value,
      env: config.env,
      drivers: {
        open: (desired) => openDrivers(desired, { ...config, kept }),
        close: () => kept.close(),
      },
      // Monitor mode only reads records.
      rollouts: (stop) => roundRuntime(store.value, config, stop),
      recordObserved: (desired, observed, actor, now) =>
        recordObserved(store.value, desired, observed, actor, now),
    },
    {
      started({ url, location }) {
        if (url !== null) io.stdout.write(`quiesce watch: status page ${url}\n`);
        io.stdout.write(
          `quiesce watch: ${source.value.describe}, mode ${mode.value}, resync every ${intervalText}; state in ${location}\n`,
        );
      },
      event(event) {
        const text = render(event);
        if (text !== '') io.stdout.write(text);
        if (event.kind === 'plan') progress.update(event.pools);
      },
      ownership: (message) => io.stdout.write(`ownership: ${message}\n`),
      warn: (line) => io.stderr.write(`${line}\n`),
    },
    signal,
  );
  await store.value.close();
  if (watched.isErr()) {
    io.stderr.write(`quiesce watch: ${watchErrorLine(watched.error, args.values.listen)}\n`);
    return ExitCode.error;
  }
  io.stdout.write('quiesce watch: stopped; status written\n');
  return ExitCode.ok;
}
