// The driver table: each target driver's name → the role of its units and how to open it.
import { err, ok, type Result } from 'neverthrow';
import type { PoolSpec, TargetSpec, UnitRole } from '../model.ts';
import type { Driver } from './driver.ts';
import { createHaproxyDriver } from './haproxy/index.ts';
import { createSimulatedDriver } from './simulated/index.ts';
import { simulatedReadiness } from './simulated/readiness.ts';
import { createWindowsDriver } from './windows/index.ts';
import { readinessCandidates, windowsReadiness } from './windows/readiness.ts';

/** What a driver is opened with besides its target. */
export interface DriverContext {
  pool: PoolSpec;
  stateDir: string;
  /** Mean simulated session lifetime in seconds (QUIESCE_SIM_SESSION_SECONDS). */
  sessionSeconds: number;
  /** Prints what a driver says besides results (a missing session counter). */
  warn(message: string): void;
}

/** One row of the table. */
export interface DriverRow<T extends TargetSpec = TargetSpec> {
  /** The pool's one services driver, or one of its load balancers. */
  role: UnitRole;
  /** Kept across watch rounds while its target is unchanged (its sessions live on). */
  keep: boolean;
  open(target: T, context: DriverContext): Driver;
  /** Asks the pool's upgrade readiness for the lync2013-readiness gate before `server` drains; absent: cannot. */
  readiness?(
    target: T,
    pool: PoolSpec,
    server: string,
    stateDir: string,
  ): Promise<Result<string, string>>;
}

type Table = { [K in TargetSpec['driver']]: DriverRow<Extract<TargetSpec, { driver: K }>> };

/** Every driver quiesce has. A new driver is a folder in drivers/ and one row here. */
export const DRIVER_TABLE: Table = {
  simulated: {
    role: 'services',
    keep: false,
    open: (_target, { pool, stateDir, sessionSeconds }) =>
      createSimulatedDriver(pool, { stateDir, sessionSeconds }),
    readiness: async (_target, pool, _server, stateDir) => simulatedReadiness(stateDir, pool.name),
  },
  windows: {
    role: 'services',
    keep: true,
    open: (target, { warn }) => createWindowsDriver(target, { warn }),
    // Another server than the one about to drain answers when it can.
    readiness: (target, pool, server) =>
      windowsReadiness(target, readinessCandidates(pool.servers, server)),
  },
  haproxy: {
    role: 'loadBalancer',
    keep: false,
    open: (target) => createHaproxyDriver(target),
  },
};

/** The row for a driver name, or an error naming the drivers there are. */
export function driverRow(name: string): Result<DriverRow, string> {
  if (!Object.hasOwn(DRIVER_TABLE, name))
    return err(`unknown driver "${name}"; the drivers are ${Object.keys(DRIVER_TABLE).join(', ')}`);
  return ok(DRIVER_TABLE[name as TargetSpec['driver']] as DriverRow);
}
