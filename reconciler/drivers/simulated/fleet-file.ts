// The simulated fleet's file format (<state-dir>/simulated/<pool>.json): types, checks, atomic writes.
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { writeFileAtomic } from '../../atomic-file.ts';
import type { ServiceStatus, StartType } from '../../model.ts';

/** One simulated service. `since`, `load`, `pending` and `pendingUntil` are optional extras. */
export interface SimService {
  status: ServiceStatus;
  startType: StartType;
  canPause: boolean;
  /** Sessions at `since`. */
  sessions: number;
  /** When `status` was entered (ms since epoch); sessions evolve from here. */
  since?: number;
  /** Sessions a Running service settles at (default: `sessions`). */
  load?: number;
  /** Mean session lifetime in ms from `since` on, recorded at the last control so every reader agrees. */
  sessionMs?: number;
  /** A transitional state shown until `pendingUntil`, e.g. PausePending on the way to Paused. */
  pending?: ServiceStatus;
  pendingUntil?: number;
}

/** One simulated server. */
export interface SimServer {
  fault: null | 'unreachable' | 'access-denied';
  latencyMs: number;
  services: Record<string, SimService>;
}

/** The whole file. */
export interface SimFleet {
  servers: Record<string, SimServer>;
}

const STATUSES = [
  'Running',
  'Paused',
  'Stopped',
  'StartPending',
  'StopPending',
  'PausePending',
  'ContinuePending',
];
const START_TYPES = ['Automatic', 'AutomaticDelayed', 'Manual', 'Disabled'];
const FAULTS = [null, 'unreachable', 'access-denied'];

const isCount = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isTime = (value: unknown) =>
  value === undefined || (typeof value === 'number' && Number.isFinite(value));

/** The first problem with a parsed file's shape, or null. */
function shapeProblem(value: unknown): string | null {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as SimFleet).servers !== 'object'
  ) {
    return 'expected {"servers": {...}}';
  }
  for (const [name, server] of Object.entries((value as SimFleet).servers ?? {})) {
    if (typeof server !== 'object' || server === null) return `servers.${name} must be an object`;
    if (!FAULTS.includes(server.fault ?? null))
      return `servers.${name}.fault must be null, "unreachable" or "access-denied"`;
    if (server.latencyMs !== undefined && !isCount(server.latencyMs))
      return `servers.${name}.latencyMs must be a whole number >= 0`;
    if (typeof server.services !== 'object' || server.services === null)
      return `servers.${name}.services must be an object`;
    for (const [service, s] of Object.entries(server.services)) {
      const at = `servers.${name}.services.${service}`;
      if (!STATUSES.includes(s?.status))
        return `${at}.status must be one of ${STATUSES.join(', ')}`;
      if (!START_TYPES.includes(s.startType))
        return `${at}.startType must be one of ${START_TYPES.join(', ')}`;
      if (typeof s.canPause !== 'boolean') return `${at}.canPause must be true or false`;
      if (!isCount(s.sessions)) return `${at}.sessions must be a whole number >= 0`;
      if (s.load !== undefined && !isCount(s.load)) return `${at}.load must be a whole number >= 0`;
      if (!isTime(s.since) || !isTime(s.pendingUntil))
        return `${at}.since and pendingUntil must be times in ms`;
      if (s.pending !== undefined && !STATUSES.includes(s.pending))
        return `${at}.pending must be a status`;
      if (s.sessionMs !== undefined && !(typeof s.sessionMs === 'number' && s.sessionMs > 0))
        return `${at}.sessionMs must be a number > 0`;
    }
  }
  return null;
}

/** The fleet in `path`, null when there is no file, or a message saying what is wrong with it. */
export function readFleet(path: string): Result<SimFleet | null, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    return err(`cannot read simulated state file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return err(
      `simulated state file ${path} is not valid JSON (${(error as Error).message}); fix it, or delete it to start afresh`,
    );
  }
  const problem = shapeProblem(value);
  if (problem !== null)
    return err(
      `simulated state file ${path} is invalid: ${problem}; fix it, or delete it to start afresh`,
    );
  for (const server of Object.values((value as SimFleet).servers)) {
    server.fault ??= null;
    server.latencyMs ??= 0;
  }
  return ok(value as SimFleet);
}

/** Writes the fleet so that readers see the old file or the new one, never part of one. */
export function writeFleet(path: string, fleet: SimFleet): void {
  writeFileAtomic(
    path,
    `${JSON.stringify(fleet, null, 1)}
`,
  );
}
