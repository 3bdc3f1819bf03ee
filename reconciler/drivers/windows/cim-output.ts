// Reads what the observe and step scripts print (lines they format themselves, powershell.ts) into domain values.
import { err, ok, type Result } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceObservation, ServiceStatus, StartType, Step } from '../../model.ts';
import { parseActivityLevel } from './lync-activity.ts';
import { ANSWER_END, ANSWER_HEAD } from './powershell.ts';

/** Win32_Service.State → status. */
const STATE: Record<string, ServiceStatus> = {
  Running: 'Running',
  Paused: 'Paused',
  Stopped: 'Stopped',
  'Start Pending': 'StartPending',
  'Stop Pending': 'StopPending',
  'Pause Pending': 'PausePending',
  'Continue Pending': 'ContinuePending',
};

/** Win32_Service.StartMode (+ DelayedAutoStart) → startup type. Boot/System services count as Automatic. */
export function startTypeOf(mode: string, delayed: boolean): StartType | null {
  if (mode === 'Auto' || mode === 'Boot' || mode === 'System')
    return delayed ? 'AutomaticDelayed' : 'Automatic';
  if (mode === 'Manual') return 'Manual';
  if (mode === 'Disabled') return 'Disabled';
  return null;
}

/** What one observe saw: the services in the order asked, and warnings (a session counter that cannot be read). */
export interface Observed {
  services: ServiceObservation[];
  warnings: string[];
}

const bad = (why: string, text: string) =>
  err(
    driverError(
      'Unexpected',
      `observe answer ${why}: ${JSON.stringify(text.replace(/^\uFEFF/, '').slice(0, 120))}`,
    ),
  );

/** The answer's lines between `QZ1` and `END`, or why it is not one (strict: nothing else is accepted). */
function answerLines(text: string): Result<string[][], string> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  if (lines[0] !== ANSWER_HEAD) return err(`does not start with ${ANSWER_HEAD}`);
  if (lines[lines.length - 1] !== ANSWER_END) return err(`was cut off (no ${ANSWER_END})`);
  return ok(lines.slice(1, -1).map((line) => line.split('\t')));
}

const INDEX = /^(0|[1-9]\d{0,3})$/;
const SUM = /^-?\d{1,18}$/;

/** One service's fields as the observe script prints them, before they become an observation. */
interface Fields {
  missing: boolean;
  state?: string;
  mode?: string;
  delayed?: boolean;
  pause?: boolean;
  sessions?: number;
  unreadable?: string;
  since?: number;
  /** Get-CsWindowsService's ActivityLevel text (lync-activity.ts reads it). */
  activity?: string;
  info?: { clients?: number; registered?: number };
}

/**
 * Observations in the order asked, from the observe script's lines (powershell.ts, observeScript): strict — an
 * unknown line, a field out of place, a service reported twice or not at all is Unexpected; a service not
 * installed is NotFound. A service's ActivityLevel (`A`), when it is a count, is its sessions; else its counters.
 */
export function parseObserve(
  text: string,
  services: readonly string[],
): Result<Observed, DriverError> {
  const parsed = answerLines(text);
  if (parsed.isErr()) return bad(parsed.error, text);
  const fields = new Map<number, Fields>();
  const of = (index: string): Fields | null => {
    if (!INDEX.test(index) || Number(index) >= services.length) return null;
    return fields.get(Number(index)) ?? null;
  };
  for (const line of parsed.value) {
    const [tag, index = '', ...rest] = line;
    if (tag === 'S' || tag === 'M') {
      const ok6 =
        tag === 'S'
          ? rest.length === 4 && /^[01]$/.test(rest[2]!) && /^[01]$/.test(rest[3]!)
          : rest.length === 0;
      if (
        !INDEX.test(index) ||
        Number(index) >= services.length ||
        fields.has(Number(index)) ||
        !ok6
      )
        return bad(`has a bad line ${JSON.stringify(line.join(' '))}`, text);
      fields.set(
        Number(index),
        tag === 'M'
          ? { missing: true }
          : {
              missing: false,
              state: rest[0]!,
              mode: rest[1]!,
              delayed: rest[2] === '1',
              pause: rest[3] === '1',
            },
      );
      continue;
    }
    const row = of(index);
    if (row !== null && !row.missing && tag === 'I' && rest.length === 2) {
      const [key, count] = rest as [string, string];
      row.info ??= {};
      const info = row.info;
      if (
        (key === 'clients' || key === 'registered') &&
        SUM.test(count) &&
        info[key] === undefined
      ) {
        info[key] = Number(count);
        continue;
      }
    }
    if (row === null || row.missing || rest.length !== 1)
      return bad(`has a bad line ${JSON.stringify(line.join(' '))}`, text);
    const value = rest[0]!;
    if (
      tag === 'N' &&
      SUM.test(value) &&
      row.sessions === undefined &&
      row.unreadable === undefined
    )
      row.sessions = Number(value);
    else if (tag === 'U' && row.sessions === undefined && row.unreadable === undefined)
      row.unreadable = value;
    else if (tag === 'P' && row.since === undefined && Number.isFinite(Date.parse(value)))
      row.since = Date.parse(value);
    else if (tag === 'A' && row.activity === undefined) row.activity = value;
    else return bad(`has a bad line ${JSON.stringify(line.join(' '))}`, text);
  }
  const out: ServiceObservation[] = [];
  const warnings: string[] = [];
  for (const [i, name] of services.entries()) {
    const row = fields.get(i);
    if (row === undefined) return bad(`does not report ${name}`, text);
    if (row.missing) return err(driverError('NotFound', `service ${name} is not installed (1060)`));
    const status = STATE[row.state!];
    const startType = startTypeOf(row.mode!, row.delayed === true);
    if (status === undefined || startType === null) {
      return err(
        driverError(
          'Unexpected',
          `service ${name}: unexpected State ${JSON.stringify(row.state)} / StartMode ${JSON.stringify(row.mode)}`,
        ),
      );
    }
    const seen: ServiceObservation = {
      name,
      status,
      startType,
      canPause: row.pause === true,
      sessions: row.sessions === undefined || row.sessions < 0 ? null : row.sessions,
      // Only a Paused service carries a time: when it entered Paused (SCM event 7036), the drain's real start.
      since: status === 'Paused' ? (row.since ?? null) : null,
    };
    const activity = row.activity === undefined ? null : parseActivityLevel(row.activity);
    if (activity !== null && 'count' in activity) {
      // Lync's own count of what the service still handles decides; its counters were only the fallback.
      seen.sessions = activity.count;
    } else if (row.unreadable !== undefined) {
      const why = row.unreadable.slice(0, 200);
      seen.sessionsUnreadable = why;
      warnings.push(`${name}: sessions cannot be read: ${why}`);
    }
    if (row.info?.clients !== undefined) seen.clients = row.info.clients;
    if (row.info?.registered !== undefined) seen.registered = row.info.registered;
    out.push(seen);
  }
  return ok({ services: out, warnings });
}

/** The DriverError for a Win32_Service method return value (0 and "already so" are success). */
export function methodError(code: number, step: Step, service: string): DriverError | null {
  const what = `${step.action} ${service}`;
  switch (code) {
    case 0:
      return null;
    case 10: // already running
      return step.action === 'start' || step.action === 'resume'
        ? null
        : driverError('Unexpected', `${what}: service is already running (10)`);
    case 24: // already paused
      return step.action === 'pause'
        ? null
        : driverError('Unexpected', `${what}: service is paused (24)`);
    case 2:
      return driverError(
        'AccessDenied',
        `${what}: access denied (2); quiesce's account must be in the server's local Administrators group`,
      );
    case 1: // not supported
    case 4: // invalid service control
      return driverError(
        'CannotPause',
        `${what}: the service does not accept this control (${code})`,
      );
    case 5:
      return driverError(
        'Busy',
        `${what}: the service cannot accept controls in its current state (5)`,
      );
    case 6:
      return driverError('NotActive', `${what}: the service has not been started (6)`);
    case 7:
      return driverError('Timeout', `${what}: the service did not respond in time (7)`);
    case 11:
      return driverError('Busy', `${what}: the service database is locked (11)`);
    case 14:
      return driverError(
        'Unexpected',
        `${what}: the service is disabled (14); set its startup type first`,
      );
    case 21:
      return driverError('Unexpected', `${what}: invalid parameter (21)`);
    case 1060:
      return driverError('NotFound', `${what}: service is not installed (1060)`);
    default:
      return driverError('Unexpected', `${what}: Win32_Service returned ${code}`);
  }
}

/** The step script's code (`QZ1`, `R code`, `END`), or null when the answer is not that. */
export function parseReturnValue(text: string): number | null {
  const lines = answerLines(text);
  if (lines.isErr() || lines.value.length !== 1) return null;
  const [tag, code, ...rest] = lines.value[0]!;
  return tag === 'R' && rest.length === 0 && /^\d{1,10}$/.test(code ?? '') ? Number(code) : null;
}
