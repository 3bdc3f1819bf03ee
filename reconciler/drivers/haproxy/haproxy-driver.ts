// The HAProxy driver: each backend is a unit (`haproxy:<backend>`); drain and ready via the runtime API.
import { err, ok, okAsync, ResultAsync } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceStatus } from '../../model.ts';
import type { Driver } from '../driver.ts';
import { adminWord, type BackendServer, parseServersState, parseStatSessions } from './parse.ts';
import { answerError, excerpt, runtimeCommand } from './runtime-api.ts';

import type { HaproxyTarget } from './target.ts';

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
/** A backend's unit is named after the driver (`haproxy:be_web`). */
const UNIT_PREFIX = 'haproxy:';

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
    { at: number; value: ResultAsync<Map<string, BackendServer>, DriverError> }
  >();
  const serverName = (server: string) =>
    Object.hasOwn(target.servers, server) ? (target.servers[server] as string) : server;

  const send = (command: string) => {
    calls.commands++;
    return runtimeCommand(target.socket, command, options.timeoutMs);
  };

  /** One call per backend: its servers' admin and operational state plus sessions. */
  const fetchBackend = (backend: string): ResultAsync<Map<string, BackendServer>, DriverError> =>
    send(`show servers state ${backend}; show stat ${backend} 4 -1`).andThen((answer) => {
      const refused = answerError(answer, `backend ${backend}`);
      if (refused !== null) return err(refused);
      const split = answer.indexOf('# pxname,');
      if (split < 0)
        return err(
          driverError('Unexpected', `unexpected answer for backend ${backend}: ${excerpt(answer)}`),
        );
      const servers = parseServersState(answer.slice(0, split));
      const sessions = parseStatSessions(answer.slice(split));
      if (typeof servers === 'string' || typeof sessions === 'string') {
        return err(
          driverError(
            'Unexpected',
            `backend ${backend}: ${typeof servers === 'string' ? servers : sessions}: ${excerpt(answer)}`,
          ),
        );
      }
      for (const [name, server] of servers) server.sessions = sessions.get(name) ?? null;
      return ok(servers);
    });

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
      return ResultAsync.combine(
        units.map((unit) => {
          const backend = unit.slice(UNIT_PREFIX.length);
          return backendState(backend).andThen((state) => {
            const entry = state.get(serverName(server));
            if (entry === undefined)
              return err(
                driverError(
                  'NotFound',
                  `HAProxy backend ${backend} has no server ${serverName(server)}`,
                ),
              );
            return ok({
              name: unit,
              status: STATUS[adminWord(entry.adminState)],
              startType: null,
              canPause: true,
              sessions: entry.sessions,
              since: null,
              down: entry.opState === 0,
            });
          });
        }),
      );
    },
    run(server, unit, step) {
      const backend = unit.slice(UNIT_PREFIX.length);
      const state =
        step.action === 'pause' ? 'drain' : step.action === 'set-startup-type' ? null : 'ready';
      if (state === null) return okAsync(undefined); // load balancers have no startup type
      const what = `${backend}/${serverName(server)}`;
      // Whatever the answer, the next observe asks HAProxy again.
      const forget = () => snapshots.delete(backend);
      return send(`set server ${what} state ${state}`)
        .andTee(forget)
        .orTee(forget)
        .andThen((answer) => {
          const refused = answerError(answer, what);
          if (refused !== null) return err(refused);
          if (answer.trim() !== '')
            return err(
              driverError(
                'Unexpected',
                `unexpected answer to set server ${what}: ${excerpt(answer)}`,
              ),
            );
          return ok(undefined);
        });
    },
    /** Nothing is kept between calls: each runtime API command is its own connection. */
    async close() {},
  };
}
