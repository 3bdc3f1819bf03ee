// Reads what the observe and step scripts print (ConvertTo-Json of Win32_Service data) into domain values.
import { err, ok, type Result } from 'neverthrow';
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceObservation, ServiceStatus, StartType, Step } from '../../model.ts';

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

interface Row {
  Name?: unknown;
  Missing?: unknown;
  State?: unknown;
  StartMode?: unknown;
  DelayedAutoStart?: unknown;
  AcceptPause?: unknown;
  Sessions?: unknown;
  Warnings?: unknown;
  PausedSince?: unknown;
}

/** What one observe saw: the services in the order asked, and warnings (a session counter missing). */
export interface Observed {
  services: ServiceObservation[];
  warnings: string[];
}

/** ms since epoch from an ISO time (PowerShell's 'o' format), or null. */
const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
};

/** Observations in the order asked, from the observe script's JSON (one object or an array, as PowerShell prints). */
export function parseObserve(
  text: string,
  services: readonly string[],
): Result<Observed, DriverError> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '').trim());
  } catch {
    return err(
      driverError(
        'Unexpected',
        `observe answer is not JSON: ${JSON.stringify(text.slice(0, 120))}`,
      ),
    );
  }
  const rows = (Array.isArray(value) ? value : [value]) as Row[];
  const byName = new Map(
    rows
      .filter((r) => r !== null && typeof r === 'object')
      .map((r) => [String(r.Name).toLowerCase(), r]),
  );
  const out: ServiceObservation[] = [];
  const warnings: string[] = [];
  for (const name of services) {
    const row = byName.get(name.toLowerCase());
    if (row === undefined || row.Missing === true)
      return err(driverError('NotFound', `service ${name} is not installed (1060)`));
    const status = STATE[String(row.State)];
    const startType = startTypeOf(String(row.StartMode), row.DelayedAutoStart === true);
    if (status === undefined || startType === null) {
      return err(
        driverError(
          'Unexpected',
          `service ${name}: unexpected State ${JSON.stringify(row.State)} / StartMode ${JSON.stringify(row.StartMode)}`,
        ),
      );
    }
    const sessions =
      typeof row.Sessions === 'number' && Number.isFinite(row.Sessions) && row.Sessions >= 0
        ? Math.round(row.Sessions)
        : null;
    for (const warning of Array.isArray(row.Warnings) ? row.Warnings : [])
      warnings.push(`${name}: sessions unknown: ${String(warning).slice(0, 200)}`);
    // Only a Paused service carries a time: when it entered Paused (SCM event 7036), the drain's real start.
    const since = status === 'Paused' ? timeOf(row.PausedSince) : null;
    out.push({ name, status, startType, canPause: row.AcceptPause === true, sessions, since });
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

/** The step script's {"ReturnValue": n}. */
export function parseReturnValue(text: string): number | null {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, '').trim()) as { ReturnValue?: unknown };
    return typeof value.ReturnValue === 'number' ? value.ReturnValue : null;
  } catch {
    return null;
  }
}
