// The one driver interface: observe a server's managed services in one call, run one step, close.
import type { ResultAsync } from 'neverthrow';
import type { DriverError } from '../errors.ts';
import type { ServiceObservation, Step } from '../model.ts';

/** How much an observe reads. */
export interface ObserveOptions {
  /**
   * false: status and startup type only, no session counts (apply's read-back after a step); a driver may then
   * report sessions as unknown. Default true.
   */
  sessions?: boolean;
}

/** Reads and changes actual state for the servers of one pool. */
export interface Driver {
  /** Every named service on `server`, in the order asked; one call. */
  observe(
    server: string,
    services: readonly string[],
    options?: ObserveOptions,
  ): ResultAsync<ServiceObservation[], DriverError>;
  /** Runs one step on one service. */
  run(server: string, service: string, step: Step): ResultAsync<void, DriverError>;
  /** Releases what the driver keeps between calls (sessions, connections, pending writes); called at exit. */
  close(): Promise<void>;
}
