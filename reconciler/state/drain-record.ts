// Drain records: when each service's drain began, so drain.timeout makes Stalled for every driver.

/** When a service's drain began, and how quiesce knows. */
export interface DrainRecord {
  pool: string;
  server: string;
  service: string;
  /** ISO time. */
  began: string;
  /** `paused`: quiesce paused it; `observed`: first seen Paused while desired draining. */
  source: 'paused' | 'observed';
}

/** One service of one server of one pool. */
export type ServiceKey = Pick<DrainRecord, 'pool' | 'server' | 'service'>;
