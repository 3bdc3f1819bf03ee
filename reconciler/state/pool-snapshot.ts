// The last observations (and status) recorded for a pool, for `plan --from-store` and status.

import type { Actor } from '../actor.ts';
import type { ServerObservation } from '../model.ts';

/** What one run last saw of a pool, when, and who saw it. */
export interface PoolSnapshot {
  pool: string;
  /** ISO time of the observation. */
  at: string;
  observer: Actor;
  /** Server name → what was seen. */
  servers: Record<string, ServerObservation>;
  /** The pool's status summary at that time, as JSON, when the run computed one. */
  status: Record<string, unknown> | null;
}
