// The HAProxy driver: each backend is a unit (`haproxy:<backend>`); drain and ready via the runtime API.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import {
  LOAD_BALANCER_PREFIX,
  type ServiceObservation,
  type ServiceStatus,
  type TargetSpec,
} from '../../model.ts';
import type { Driver } from '../driver.ts';
import { adminWord, type BackendServer, parseServersState, parseStatSessions } from './parse.ts';
import { answerError, excerpt, runtimeCommand } from './runtime-api.ts';

type HaproxyTarget = Extract<TargetSpec, { driver: 'haproxy' }>;

/** How the driver talks to HAProxy. */
export interface HaproxyOptions {
  now?: () => number;
  /** How long one backend snapshot serves observes of its servers (one call per backend per round). */
  snapshotMs?: number;
  timeoutMs?: number;
}

/** A Driver with call counts for tests and benchmarks. */
export interface HaproxyDriver extends Driver {
  readonly calls: { commands: number };
}

const STATUS: Record<ReturnType<typeof adminWord>, ServiceStatus> = {
  READY: 'Running',
  DRAIN: 'Paused',
  MAINT: 'Stopped',
};
const isError = (value: unknown): value is DriverError =>
  typeof value === 'object' && value !== null && 'kind' in value;

/** A driver for one pool's haproxy target. */
export function createHaproxyDriver(
  target: HaproxyTarget,
  options: HaproxyOptions = {},
): HaproxyDriver {
  const now = options.now ?? Date.now;
  const snapshotMs = options.snapshotMs ?? 250;
  const calls = { commands: 0 };
  const snapshots = new Map<
    string,
    { at: number; value: Promise<Map<string, BackendServer> | DriverError> }
  >();
  const serverName = (server: string) =>
    Object.hasOwn(target.servers, server) ? (target.servers[server] as string) : server;

  const send = (command: string) => {
    calls.commands++;
    return runtimeCommand(target.socket, command, options.timeoutMs);
  };

  /** One call per backend: its servers' admin and operational state plus sessions. */
  const fetchBackend = async (
    backend: string,
  ): Promise<Map<string, BackendServer> | DriverError> => {
    const answer = await send(`show servers state ${backend}; show stat ${backend} 4 -1`);
    if (isError(answer)) return answer;
    const refused = answerError(answer, `backend ${backend}`);
    if (refused !== null) return refused;
    const split = answer.indexOf('# pxname,');
    if (split < 0)
      return driverError(
        'Unexpected',
        `unexpected answer for backend ${backend}: ${excerpt(answer)}`,
      );
    const servers = parseServersState(answer.slice(0, split));
    const sessions = parseStatSessions(answer.slice(split));
    if (typeof servers === 'string' || typeof sessions === 'string') {
      return driverError(
        'Unexpected',
        `backend ${backend}: ${typeof servers === 'string' ? servers : sessions}: ${excerpt(answer)}`,
      );
    }
    for (const [name, server] of servers) server.sessions = sessions.get(name) ?? null;
    return servers;
  };

  const backendState = (backend: string) => {
    const cached = snapshots.get(backend);
    if (cached !== undefined && now() - cached.at < snapshotMs) return cached.value;
    const value = fetchBackend(backend);
    snapshots.set(backend, { at: now(), value });
    return value;
  };

  return {
    calls,
    observe(server, units) {
      return ResultAsync.fromSafePromise(
        Promise.all(
          units.map(async (unit): Promise<ServiceObservation | DriverError> => {
            const backend = unit.slice(LOAD_BALANCER_PREFIX.length);
            const state = await backendState(backend);
            if (isError(state)) return state;
            const entry = state.get(serverName(server));
            if (entry === undefined)
              return driverError(
                'NotFound',
                `HAProxy backend ${backend} has no server ${serverName(server)}`,
              );
            return {
              name: unit,
              status: STATUS[adminWord(entry.adminState)],
              startType: null,
              canPause: true,
              sessions: entry.sessions,
              since: null,
              down: entry.opState === 0,
            };
          }),
        ),
      ).andThen((results) => {
        const failure = results.find(isError);
        return failure === undefined ? okAsync(results as ServiceObservation[]) : errAsync(failure);
      });
    },
    run(server, unit, step) {
      const backend = unit.slice(LOAD_BALANCER_PREFIX.length);
      const state =
        step.action === 'pause' ? 'drain' : step.action === 'set-startup-type' ? null : 'ready';
      if (state === null) return okAsync(undefined); // load balancers have no startup type
      const what = `${backend}/${serverName(server)}`;
      return ResultAsync.fromSafePromise(send(`set server ${what} state ${state}`)).andThen(
        (answer) => {
          snapshots.delete(backend);
          if (isError(answer)) return errAsync(answer);
          const refused = answerError(answer, what);
          if (refused !== null) return errAsync(refused);
          if (answer.trim() !== '')
            return errAsync(
              driverError(
                'Unexpected',
                `unexpected answer to set server ${what}: ${excerpt(answer)}`,
              ),
            );
          return okAsync(undefined);
        },
      );
    },
  };
}
