// The embedded default driver: a file-backed fleet that behaves like the Service Control Manager.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { PoolSpec, ServiceObservation, Step } from '../../model.ts';
import { sleep as realSleep } from '../../sleep.ts';
import type { Driver } from '../driver.ts';
import { fleetBytes } from './fleet-bytes.ts';
import { readFleet, type SimFleet, type SimServer, saveFleet } from './fleet-file.ts';
import { failBack, failOver, gracefulStop } from './lync-methods.ts';
import { addMissingServers } from './provision.ts';
import { applyStep, observeService, type ScmTiming } from './scm.ts';

/** How the simulation runs; tests inject the clock, sleep and random source. */
export interface SimulatedOptions {
  stateDir: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Mean session lifetime in seconds (QUIESCE_SIM_SESSION_SECONDS). Default 3. */
  sessionSeconds?: number;
}

/** A Driver with `close()` to wait for the write in flight. */
export interface SimulatedDriver extends Driver {
  readonly path: string;
  /** Calls made so far, by kind (for benchmarks and tests). */
  readonly calls: { observe: number; run: number };
}

/** Where a pool's simulated fleet lives. */
export function simulatedPath(stateDir: string, pool: string): string {
  return join(stateDir, 'simulated', `${pool}.json`);
}

/** A simulated driver for `pool`; a missing file or server is provisioned in memory and written with the first step. */
export function createSimulatedDriver(pool: PoolSpec, options: SimulatedOptions): SimulatedDriver {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const timing: ScmTiming = {
    sessionMs: (options.sessionSeconds ?? 3) * 1000,
    pendingMs: () => 150 + Math.floor(random() * 250),
  };
  const path = simulatedPath(options.stateDir, pool.name);
  const calls = { observe: 0, run: 0 };
  let fleet: SimFleet | null = null;
  let broken: string | null = null;
  let seen = '';
  /**
   * The next write, not started yet: every step made while the write before it is on its way joins it (group
   * commit), so at most one write is in flight and one waits, however many steps arrive.
   */
  let commit: Promise<Result<void, DriverError>> | null = null;
  /** The write on its way (resolves when it is done, ok or not). */
  let writing: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  const bytes = fleetBytes();

  /** The file's mtime and size now. */
  const statNow = () => {
    try {
      const info = statSync(path);
      return `${info.mtimeMs}:${info.size}`;
    } catch {
      return '';
    }
  };
  /** The stamp taken in this event-loop turn: the 64 calls a turn answers share one stat of the file. */
  let turnStamp: string | null = null;
  const keepForTurn = (value: string) => {
    if (turnStamp === null)
      setImmediate(() => {
        turnStamp = null;
      });
    turnStamp = value;
    return value;
  };
  const stamp = () => turnStamp ?? keepForTurn(statNow());
  const notWritten = (why: string) =>
    err(driverError('Unexpected', `${why}; the step was not made`)) as Result<void, DriverError>;
  /** Writes the fleet; resolves once every step made so far is on disk (ok) or none of them is. */
  const persist = (): Promise<Result<void, DriverError>> => {
    if (commit !== null) return commit;
    let settle: (done: Result<void, DriverError>) => void = () => {};
    const joined = new Promise<Result<void, DriverError>>((resolve) => {
      settle = resolve;
    });
    commit = joined;
    inFlight++;
    // Starts when the write before it is done (and not before the end of this turn): the text is taken then.
    writing = writing
      .then(() => new Promise((next) => setImmediate(next)))
      .then(async () => {
        if (commit !== joined) {
          // The write before this one failed and dropped the memory these steps were made on.
          inFlight--;
          settle(notWritten(`an earlier write of ${path} failed`));
          return;
        }
        commit = null;
        const done =
          fleet === null ? err('no fleet in memory') : await saveFleet(path, bytes.parts(fleet));
        inFlight--;
        if (done.isOk()) {
          if (inFlight === 0) seen = keepForTurn(statNow());
          settle(ok(undefined));
          return;
        }
        // What is in memory never reached the file: read the file again. A write waiting behind this one
        // holds steps made on that memory: it is let go (not made), and later steps start a new one.
        fleet = null;
        seen = '';
        commit = null;
        settle(notWritten(`cannot write simulated state file ${path}: ${done.error}`));
      });
    return joined;
  };

  /** The fleet as the file has it now (re-read when someone else changed it), plus declared servers it lacks. */
  const current = (): SimFleet | null => {
    if ((commit !== null || inFlight > 0) && fleet !== null) return fleet;
    const latest = stamp();
    if (fleet !== null && latest === seen) return fleet;
    const read = readFleet(path);
    if (read.isErr()) {
      broken = read.error;
      fleet = null;
      return null;
    }
    broken = null;
    fleet = read.value ?? { servers: Object.create(null) };
    seen = latest;
    // Observing never writes: a missing server exists in memory until a step writes the whole fleet.
    addMissingServers(fleet.servers, pool);
    return fleet;
  };

  /** A step reaches its server half-way through the call's latency. */
  const HALF = 0.5;
  /**
   * The server once the request has reached it (`share` of its latency: all of it for a read, the request's half
   * for a step), or the error its fault or absence makes.
   */
  const reach = (name: string, share = 1): ResultAsync<SimServer, DriverError> => {
    const world = current();
    if (world === null)
      return errAsync(driverError('Unexpected', broken ?? 'simulated state file unreadable'));
    const server = Object.hasOwn(world.servers, name) ? world.servers[name] : undefined;
    if (server === undefined)
      return errAsync(driverError('Unreachable', `no server ${name} in ${path}`));
    const ms = Math.ceil(server.latencyMs * share);
    const latency = ms > 0 ? sleep(ms) : Promise.resolve();
    return ResultAsync.fromSafePromise(latency).andThen(() => {
      if (server.fault === 'unreachable')
        return err(driverError('Unreachable', `${name} does not answer (simulated fault)`));
      if (server.fault === 'access-denied')
        return err(driverError('AccessDenied', `access denied on ${name} (simulated fault)`));
      return ok((current()?.servers[name] ?? server) as SimServer);
    });
  };
  /**
   * A step made: on disk while the answer travels back (the rest of the server's latency), resolved once both
   * are done — so a step has happened when run resolves, and the write costs no time a real call would not.
   */
  const answer = (server: SimServer, changed: boolean): ResultAsync<void, DriverError> => {
    const rest = server.latencyMs - Math.ceil(server.latencyMs * HALF);
    const back = rest > 0 ? sleep(rest) : Promise.resolve();
    const saved = changed ? persist() : Promise.resolve(ok<void, DriverError>(undefined));
    return new ResultAsync(Promise.all([saved, back]).then(([done]) => done));
  };

  return {
    path,
    calls,
    observe(name, services) {
      calls.observe++;
      return reach(name).andThen((server) => {
        const at = now();
        const seenServices: ServiceObservation[] = [];
        for (const service of services) {
          const state = server.services[service];
          if (state === undefined)
            return errAsync(
              driverError('NotFound', `service ${service} is not installed on ${name}`),
            );
          seenServices.push(observeService(service, state, at, timing));
        }
        return okAsync(seenServices);
      });
    },
    run(name, service, step: Step) {
      calls.run++;
      return reach(name, HALF).andThen((server) => {
        const state = server.services[service];
        if (state === undefined)
          return errAsync(
            driverError('NotFound', `service ${service} is not installed on ${name}`),
          );
        const at = now();
        if (step.action === 'failover' || step.action === 'failback') {
          // A whole computer's cmdlet: every service of the server changes (lync-methods.ts).
          const all =
            step.action === 'failover'
              ? failOver(server, at, timing, step.waitMs)
              : failBack(server, at, timing);
          if (all.isErr()) return errAsync(all.error);
          if (all.value === server.services) return answer(server, false);
          server.services = all.value;
          bytes.changed(server);
          return answer(server, true);
        }
        const next =
          step.action === 'graceful-stop'
            ? gracefulStop(state, at, timing)
            : applyStep(state, step, at, timing);
        if (next.isErr()) return errAsync(next.error);
        if (next.value === state) return answer(server, false);
        server.services[service] = next.value;
        bytes.changed(server);
        // A step has happened when run resolves (as with a real SCM): on disk first.
        return answer(server, true);
      });
    },
    async close() {
      await commit;
      await writing;
    },
  };
}
