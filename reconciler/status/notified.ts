// What a watcher already notified: the facts that held at the last reconcile and the events sent. Types only; the
// store keeps them (notifications.json in the folder store), notify/ derives them.
import type { NotificationReason } from '../model.ts';

/** A reason a fact can have (Recovered is an event about a fact clearing, never a fact). */
export type FactReason = Exclude<NotificationReason, 'Recovered'>;

/**
 * One thing that holds now: `object` is `pool/server`, `pool/round-id` for a maintenance round, or `revision`
 * for the desired state itself.
 */
export interface Fact {
  reason: FactReason;
  pool: string | null;
  server: string | null;
  object: string;
  message: string;
  /** The revision the fact is about: the attempted one for ValidationFailed, else the applied one. */
  revision: string;
}

/** What derivation remembers between reconciles (kept small, so it can be saved). */
export interface NotifyMemory {
  /** Facts that held at the last reconcile, by `object|reason`. */
  active: Record<string, Fact>;
  /** `object|reason|revision` of events already sent, oldest first, bounded. */
  sent: string[];
}

/** A memory that has seen nothing. */
export const emptyMemory = (): NotifyMemory => ({ active: {}, sent: [] });
