// `quiesce serve`: the status page, /api/status and /metrics from the state dir, without reconciling.
import { parseDuration } from '../duration.ts';
import { readStatus } from '../loop/index.ts';
import { createMetrics } from '../report/metrics.ts';
import { readView, Surface, startHttpSurface } from '../serve/index.ts';
import type { ParsedArgs } from './args.ts';
import { stateDirOf } from './engine.ts';
import { ExitCode } from './exit-codes.ts';
import type { Io } from './io.ts';
import { listenConfigOf } from './surfaces.ts';
import { usageError } from './usage-error.ts';

/** Options `serve` takes. */
export const serveOptions = {
  listen: { type: 'string' },
  'state-dir': { type: 'string' },
  interval: { type: 'string' },
} as const;

/** Serves until the signal; 0 after a clean stop, 1 when it cannot listen. */
export async function serve(args: ParsedArgs, io: Io, signal?: AbortSignal): Promise<number> {
  if (args.positionals.length > 0)
    return usageError(
      io,
      'serve',
      `serve takes no PATH (got '${args.positionals[0]}'); it reads --state-dir`,
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
  const stateDir = stateDirOf(args);
  const surface = new Surface(createMetrics());
  // The view a watcher recorded; without one, status.json's conditions and revisions alone.
  const poll = () => {
    const view = readView(stateDir);
    if (view !== null) return surface.publishView(view, view.lastReconcile?.durationMs ?? null);
    const status = readStatus(stateDir);
    if (status !== null) surface.publish({ status, round: null });
  };
  poll();
  const config = listen.value as NonNullable<typeof listen.value>;
  let http: Awaited<ReturnType<typeof startHttpSurface>>;
  try {
    http = await startHttpSurface(surface, config.address, config.token);
  } catch (error) {
    io.stderr.write(
      `quiesce serve: cannot listen on ${config.address.host}:${config.address.port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; choose another address or port\n`,
    );
    return ExitCode.error;
  }
  io.stdout.write(`quiesce serve: ${http.url} from ${stateDir}, re-read every ${intervalText}\n`);
  const timer = setInterval(poll, intervalMs);
  await new Promise<void>((resolve) => {
    if (signal === undefined || signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearInterval(timer);
  await http.close();
  io.stdout.write('quiesce serve: stopped\n');
  return ExitCode.ok;
}
