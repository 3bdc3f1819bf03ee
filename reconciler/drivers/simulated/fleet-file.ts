// The simulated fleet's file format (<state-dir>/simulated/<pool>.json): types, checks, atomic writes.
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { saveFileAtomicAsync, writeFileAtomic } from '../../atomic-file.ts';
import type { ServiceStatus, StartType } from '../../model.ts';
import { lyncProblem, type SimLync } from './lync-fleet.ts';

/** One simulated service. `since`, `load`, `pending`, `pendingUntil`, `clients` and `registered` are optional extras. */
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
  /**
   * Signed-in clients holding SIP connections, and registered endpoints: information only. They stay while the
   * service is paused (clients stay signed in) and never count as sessions; a Stopped service has none.
   */
  clients?: number;
  registered?: number;
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
  /** What Get-CsPoolUpgradeReadinessState answers for the pool (maintenance gates); absent: Ready. */
  readiness?: SimulatedReadiness;
  /** Upgrade domains and missing replicas the pool reports (maintenance gates); absent: none. */
  lync?: SimLync;
}

/** The pool upgrade readiness states a simulated pool can report. */
export const READINESS = ['Ready', 'Busy', 'InsufficientActiveFrontEnds'] as const;

/** One of READINESS. */
export type SimulatedReadiness = (typeof READINESS)[number];

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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy without a prototype, so names such as `constructor` or `__proto__` are plain keys. */
function plain<T>(record: Record<string, T>): Record<string, T> {
  const copy: Record<string, T> = Object.create(null);
  for (const [key, value] of Object.entries(record)) copy[key] = value;
  return copy;
}

/** `servers.<name>` with the name quoted when it is not a plain word. */
const field = (base: string, name: string) =>
  /^[A-Za-z_][\w.-]*$/.test(name) ? `${base}.${name}` : `${base}[${JSON.stringify(name)}]`;

/** The first problem with one service, or null. */
function serviceProblem(at: string, s: unknown): string | null {
  if (!isRecord(s)) return `${at} must be an object`;
  if (!STATUSES.includes(s.status as string))
    return `${at}.status must be one of ${STATUSES.join(', ')}`;
  if (!START_TYPES.includes(s.startType as string))
    return `${at}.startType must be one of ${START_TYPES.join(', ')}`;
  if (typeof s.canPause !== 'boolean') return `${at}.canPause must be true or false`;
  if (!isCount(s.sessions)) return `${at}.sessions must be a whole number >= 0`;
  if (s.load !== undefined && !isCount(s.load)) return `${at}.load must be a whole number >= 0`;
  if (s.clients !== undefined && !isCount(s.clients))
    return `${at}.clients must be a whole number >= 0`;
  if (s.registered !== undefined && !isCount(s.registered))
    return `${at}.registered must be a whole number >= 0`;
  if (!isTime(s.since)) return `${at}.since must be a time in ms since the epoch`;
  if (!isTime(s.pendingUntil)) return `${at}.pendingUntil must be a time in ms since the epoch`;
  if (s.pending !== undefined && !STATUSES.includes(s.pending as string))
    return `${at}.pending must be one of ${STATUSES.join(', ')}`;
  if (s.sessionMs !== undefined && !(typeof s.sessionMs === 'number' && s.sessionMs > 0))
    return `${at}.sessionMs must be a number > 0`;
  return null;
}

/** The first problem with a parsed file's shape, or null. */
function shapeProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the file must be an object {"servers": {...}}';
  if (value.readiness !== undefined && !READINESS.includes(value.readiness as SimulatedReadiness))
    return `readiness must be one of ${READINESS.join(', ')}`;
  const lync = lyncProblem(value.lync);
  if (lync !== null) return lync;
  if (!isRecord(value.servers))
    return `servers must be an object of server name to server (got ${JSON.stringify(value.servers) ?? 'nothing'})`;
  for (const [name, server] of Object.entries(value.servers)) {
    const at = field('servers', name);
    if (!isRecord(server)) return `${at} must be an object`;
    if (!FAULTS.includes((server.fault ?? null) as string | null))
      return `${at}.fault must be null, "unreachable" or "access-denied"`;
    if (server.latencyMs !== undefined && !isCount(server.latencyMs))
      return `${at}.latencyMs must be a whole number >= 0`;
    if (!isRecord(server.services))
      return `${at}.services must be an object of service name to service`;
    for (const [service, s] of Object.entries(server.services)) {
      const problem = serviceProblem(field(`${at}.services`, service), s);
      if (problem !== null) return problem;
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
  const servers = plain((value as SimFleet).servers);
  for (const server of Object.values(servers)) {
    server.fault ??= null;
    server.latencyMs ??= 0;
    server.services = plain(server.services);
  }
  const { readiness, lync } = value as SimFleet;
  return ok({
    servers,
    ...(readiness === undefined ? {} : { readiness }),
    ...(lync === undefined ? {} : { lync }),
  });
}

/** The file's text for a fleet. */
export const fleetText = (fleet: SimFleet) => `${JSON.stringify(fleet, null, 1)}\n`;

/** Writes the fleet so that readers see the old file or the new one, never part of one. */
export function writeFleet(path: string, fleet: SimFleet): void {
  writeFileAtomic(path, fleetText(fleet));
}

/** Writes a fleet's bytes (fleetText's, in parts: fleet-bytes.ts) as writeFleet does, without blocking the event loop; err: one line. */
export function saveFleet(
  path: string,
  parts: readonly Uint8Array[],
): Promise<Result<void, string>> {
  // One buffer, one write(2): a pool's thousands of parts as iovecs cost more than copying them once.
  return saveFileAtomicAsync(path, Buffer.concat(parts));
}
