// Notifications of watch and apply: a notifier per set of Notification documents in force, and each view →
// deduplicated events, remembered through the store (so a restarted watcher, or an apply from CI after a
// watcher, sends nothing twice).
import type { DesiredState, NotificationSpec } from '../model.ts';
import { createNotifier, deriveEvents, factsOf, type Notifier } from '../notify/index.ts';
import type { FleetView, NotificationHealth } from '../report/fleet-view.ts';
import type { NotifiedStore } from '../state/store.ts';
import { emptyMemory, type NotifyMemory } from '../status/notified.ts';

/** What the notifications need from outside. */
export interface NotificationsContext {
  store: NotifiedStore;
  /** Where each notification's URL is read (`urlEnv`); the CLI hands in the environment. */
  env: Readonly<Record<string, string | undefined>>;
  /** The desired state's source, named in every message. */
  source: string;
  /** Counts a delivery that failed for good (the metrics). */
  onFailure: (spec: NotificationSpec) => void;
  /** One line about the memory (it cannot be read or saved); watch goes on. */
  warn: (line: string) => void;
  /** The engine's clock: each event's time. */
  now: () => number;
  /** The command named in warnings (default watch). */
  command?: string;
}

/** Notifications of the revision in force: pick the documents, then notify each reconcile's view. */
export interface WatchNotifications {
  /** Follows the Notification documents of `desired` (a new notifier when they change); their health. */
  follow(desired: DesiredState | null): NotificationHealth[];
  /** Sends the events of this view that were not sent before, and remembers them. */
  notify(view: FleetView): void;
  /** Gives deliveries in flight a moment (at most `graceMs`), then stops; waits for the memory's last save. */
  close(graceMs?: number): Promise<void>;
}

/** The key of a set of specs: a new notifier only when one of these changes. */
const keyOf = (specs: readonly NotificationSpec[]) =>
  JSON.stringify(specs.map((s) => [s.name, s.format, s.urlEnv, s.events, s.pools]));

/** Reads the memory from the store (empty when there is none) and returns the notifications. */
export async function watchNotifications(
  context: NotificationsContext,
): Promise<WatchNotifications> {
  const { store, env, source, warn, now } = context;
  const command = context.command ?? 'watch';
  const read = await store.readNotified();
  if (read.isErr())
    warn(`quiesce ${command}: ${read.error.message} (a restart may repeat notifications)`);
  let memory: NotifyMemory = (read.isOk() ? read.value : null) ?? emptyMemory();
  let notifier: Notifier | null = null;
  let notifierKey = '';
  let current: Notifier | null = null;
  // Saves one after the other, so the last memory is the one that stays; a memory not yet being written is
  // replaced by a newer one (views in a burst cost one write each in flight, not one each).
  let saving: Promise<void> = Promise.resolve();
  let unsaved: NotifyMemory | null = null;
  const save = (next: NotifyMemory) => {
    const queued = unsaved !== null;
    unsaved = next;
    if (queued) return;
    saving = saving.then(async () => {
      const latest = unsaved as NotifyMemory;
      unsaved = null;
      const saved = await store.writeNotified(latest);
      if (saved.isErr())
        warn(`quiesce ${command}: ${saved.error.message} (a restart may repeat notifications)`);
    });
  };
  const notifierFor = (desired: DesiredState) => {
    const specs = desired.notifications ?? [];
    const key = keyOf(specs);
    if (key === notifierKey) return notifier;
    notifier?.close();
    notifierKey = key;
    notifier =
      specs.length === 0
        ? null
        : createNotifier(
            specs.map((spec) => ({ spec, url: env[spec.urlEnv] ?? '' })),
            source,
            { onFailure: context.onFailure },
          );
    return notifier;
  };
  return {
    follow(desired) {
      current = desired === null ? null : notifierFor(desired);
      return current?.health() ?? [];
    },
    notify(view) {
      const derived = deriveEvents(
        memory,
        factsOf(view),
        {
          applied: view.lastAppliedRevision?.id ?? '',
          attempted: view.lastAttemptedRevision?.id ?? '',
        },
        now(),
      );
      const changed = JSON.stringify(derived.memory) !== JSON.stringify(memory);
      memory = derived.memory;
      current?.notify(derived.events);
      if (changed) save(memory);
    },
    async close(graceMs = 2000) {
      // Deliveries in flight get a moment to finish; a dead webhook never holds up the exit for long.
      if (notifier !== null)
        await Promise.race([
          notifier.idle(),
          new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      notifier?.close();
      await saving;
    },
  };
}
