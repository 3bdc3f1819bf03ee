// The simulated world a test starts from: a running service, servers running services, the fleet file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  SimFleet,
  SimServer,
  SimService,
} from '../../../reconciler/drivers/simulated/index.ts';

/** A Running, Automatic, pausable service with `sessions` open sessions; `over` changes any field. */
export function runningService(sessions = 0, over: Partial<SimService> = {}): SimService {
  return { status: 'Running', startType: 'Automatic', canPause: true, sessions, ...over };
}

/** A reachable server running each of `services` as `service`, every call taking `latencyMs`. */
export function runningServer(
  services: string[],
  service: SimService = runningService(),
  latencyMs = 0,
): SimServer {
  return {
    fault: null,
    latencyMs,
    services: Object.fromEntries(services.map((name) => [name, service])),
  };
}

/** A fleet file's JSON where every server in `servers` is `server`. */
export function worldJson(servers: string[], server: SimServer): string {
  return JSON.stringify({ servers: Object.fromEntries(servers.map((s) => [s, server])) });
}

/** Writes `fleet` as <state>/simulated/<pool>.json. */
export function writeWorld(state: string, pool: string, fleet: SimFleet): void {
  mkdirSync(join(state, 'simulated'), { recursive: true });
  writeFileSync(join(state, 'simulated', `${pool}.json`), JSON.stringify(fleet));
}
