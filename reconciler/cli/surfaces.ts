// Wires watch's events to the surfaces: status page and metrics (with --listen), notifications, pool views in the store.
import { err, ok, type Result } from 'neverthrow';
import type { LoopEvent } from '../loop/index.ts';
import type { DesiredState } from '../model.ts';
import {
  createNotifier,
  deriveEvents,
  factsOf,
  type Notifier,
  readMemory,
  writeMemory,
} from '../notify/index.ts';
import type { RoundResult } from '../report/fleet-view.ts';
import { createMetrics } from '../report/metrics.ts';
import {
  type HttpSurface,
  isLoopback,
  type ListenAddress,
  parseListen,
  poolViewWriter,
  Surface,
  startHttpSurface,
  type ViewStore,
} from '../serve/index.ts';
import type { ParsedArgs } from './args.ts';
import type { Io } from './io.ts';

/** Where to serve and with which token (null: no --listen). */
export interface ListenConfig {
  address: ListenAddress;
  token: string | null;
}

/** `--listen` and QUIESCE_HTTP_TOKEN: loopback by default; another address only with a token. */
export function listenConfigOf(
  args: ParsedArgs,
  env: Io['env'],
  fallback: string | null,
): Result<ListenConfig | null, string> {
  const text = args.values.listen === undefined ? fallback : String(args.values.listen);
  if (text === null) return ok(null);
  const address = parseListen(text);
  if (typeof address === 'string') return err(address);
  const token = env.QUIESCE_HTTP_TOKEN || null;
  if (!isLoopback(address.host) && token === null)
    return err(
      `--listen ${text} is reachable from other machines: set QUIESCE_HTTP_TOKEN to a long random token (clients send Authorization: Bearer <token>), or listen on 127.0.0.1`,
    );
  return ok({ address, token });
}

/** What watch feeds after each event. */
export interface WatchSurfaces {
  /** The page's address, when listening. */
  url: string | null;
  onEvent(event: LoopEvent): void;
  close(): Promise<void>;
}

/**
 * Starts the surfaces for watch; notifications follow the Notification documents of the revision in force.
 * Each round's view is recorded per pool in the store (for `quiesce serve`), as `by`.
 */
export async function startWatchSurfaces(
  listen: ListenConfig | null,
  env: Io['env'],
  stateDir: string,
  source: string,
  warn: (line: string) => void,
  store: Pick<ViewStore, 'putRecord'>,
  by: string,
): Promise<WatchSurfaces> {
  const metrics = createMetrics();
  const surface = new Surface(metrics);
  const http: HttpSurface | null =
    listen === null ? null : await startHttpSurface(surface, listen.address, listen.token);
  let round: RoundResult['round'] = null;
  let desired: DesiredState | null = null;
  let notifier: Notifier | null = null;
  let notifierKey = '';
  let memory = readMemory(stateDir);
  const views = poolViewWriter(store, by, (message) =>
    warn(`quiesce watch: ${message} (quiesce serve reads them; watch goes on)`),
  );
  const notifierFor = (desired: DesiredState) => {
    const specs = desired.notifications ?? [];
    const key = JSON.stringify(specs.map((s) => [s.name, s.format, s.urlEnv, s.events, s.pools]));
    if (key === notifierKey) return notifier;
    notifier?.close();
    notifierKey = key;
    notifier =
      specs.length === 0
        ? null
        : createNotifier(
            specs.map((spec) => ({ spec, url: env[spec.urlEnv] ?? '' })),
            source,
            { onFailure: (spec) => metrics.countNotificationFailure(spec.name, spec.format) },
          );
    return notifier;
  };
  return {
    url: http?.url ?? null,
    onEvent(event) {
      if (event.kind === 'plan') {
        round = { plan: event.plan, pools: event.pools };
        desired = event.desired;
      } else if (event.kind === 'step')
        metrics.countStep({
          pool: event.entry.pool,
          action: event.entry.action,
          outcome: event.entry.outcome,
        });
      else if (event.kind === 'status') {
        const current = desired === null ? null : notifierFor(desired);
        surface.publish({ status: event.status, round }, current?.health() ?? []);
        const view = surface.view;
        if (view === null) return;
        const derived = deriveEvents(
          memory,
          factsOf(view),
          {
            applied: view.lastAppliedRevision?.id ?? '',
            attempted: view.lastAttemptedRevision?.id ?? '',
          },
          Date.now(),
        );
        const changed = JSON.stringify(derived.memory) !== JSON.stringify(memory);
        memory = derived.memory;
        current?.notify(derived.events);
        if (changed) {
          const saved = writeMemory(stateDir, memory);
          if (saved.isErr())
            warn(`quiesce watch: ${saved.error} (a restart may repeat notifications)`);
        }
        views.write(view);
      }
    },
    async close() {
      // Deliveries in flight get a moment to finish; a dead webhook never holds up the exit for long.
      if (notifier !== null)
        await Promise.race([
          notifier.idle(),
          new Promise((resolve) => setTimeout(resolve, 2000).unref()),
        ]);
      notifier?.close();
      await views.flush();
      await http?.close();
    },
  };
}
