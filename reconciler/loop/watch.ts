// The watcher: file events, a jittered resync timer (which also polls git) and signals; each only says "reconcile now".
import { watch as watchFiles } from 'chokidar';
import { coalescing } from './coalesce.ts';
import { type LoopContext, type LoopState, reconcileOnce } from './reconcile-once.ts';

/** How the watcher runs. */
export interface WatchOptions {
  intervalMs: number;
  random: () => number;
  signal: AbortSignal;
  /** How long a file must be quiet before it counts as written (editors write in bursts). */
  settleMs?: number;
  /** Hands out a way to ask for a round from outside (watch ownership's takeover tick). */
  wake?: (request: () => void) => void;
}

/** Reconciles until `signal` aborts; the round in flight finishes its step and writes status first. */
export async function watchLoop(
  ctx: LoopContext,
  state: LoopState,
  options: WatchOptions,
): Promise<void> {
  let requeue: NodeJS.Timeout | null = null;
  const runner = coalescing(async () => {
    if (options.signal.aborted) return;
    // Like a controller's requeue: after steps ran (or services are pending) look again soon; a maintenance
    // window that opens (or a pool that has settled) needs no commit to be acted on.
    const { requeueAfterMs } = await reconcileOnce(ctx, state);
    if (requeue !== null) clearTimeout(requeue);
    requeue = null;
    if (requeueAfterMs !== null && !options.signal.aborted)
      requeue = setTimeout(() => runner.request(), requeueAfterMs);
  });
  const watcher =
    ctx.source.watchPath === null
      ? null
      : watchFiles(ctx.source.watchPath, {
          ignoreInitial: true,
          ignored: (path) =>
            /(^|[/\\])\.[^/\\]/.test(path.slice((ctx.source.watchPath ?? '').length)),
          awaitWriteFinish: { stabilityThreshold: options.settleMs ?? 40, pollInterval: 10 },
          atomic: true,
        }).on('all', () => runner.request());
  // Listen before the first reconcile, so that no save after it can be missed.
  if (watcher !== null)
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  options.wake?.(() => runner.request());
  runner.request();
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    const jitter = 0.8 + 0.4 * options.random();
    timer = setTimeout(() => {
      runner.request();
      schedule();
    }, options.intervalMs * jitter);
  };
  schedule();
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  if (timer !== null) clearTimeout(timer);
  await watcher?.close();
  await runner.idle();
  if (requeue !== null) clearTimeout(requeue);
}
