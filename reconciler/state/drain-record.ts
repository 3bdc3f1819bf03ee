// Drain records: when each service's drain began (so drain.timeout makes Stalled for every driver), and the
// startup type it had before (so a return puts back exactly that).
import type { StartType } from '../model.ts';

/** When a service's drain began, and how quiesce knows. */
export interface DrainRecord {
  pool: string;
  server: string;
  service: string;
  /** ISO time. */
  began: string;
  /** `paused`: quiesce paused it; `observed`: first seen Paused while desired draining. */
  source: 'paused' | 'observed';
  /**
   * The startup type seen before the drain's first step (`Automatic`, `AutomaticDelayed`, `Manual`); null or
   * absent when unknown (a drain found, not made, or a record from an older quiesce): the return sets Automatic.
   */
  startType?: StartType | null;
}

/** One service of one server of one pool. */
export type ServiceKey = Pick<DrainRecord, 'pool' | 'server' | 'service'>;
