// Reads sc.exe output by its numeric codes only: labels are localised, numbers are not.
import { type DriverError, driverError } from '../../errors.ts';
import type { ServiceStatus, StartType } from '../../model.ts';

/** SERVICE_STATUS.dwCurrentState values. */
const STATE: Record<number, ServiceStatus> = {
  1: 'Stopped',
  2: 'StartPending',
  3: 'StopPending',
  4: 'Running',
  5: 'ContinuePending',
  6: 'PausePending',
  7: 'Paused',
};

/** `label : <number> …` lines in order; sc prints fields in a fixed order whatever the language. */
function numberedFields(block: string): number[] {
  return [...block.matchAll(/^\s*[^:\r\n]+:\s+(\d+)\s/gm)].map((m) => Number(m[1]));
}

/**
 * Per service (`sc query` / `sc query type= service state= all`): status and whether it accepts pause.
 * A block starts at an unindented `label: name` line (a second unindented line is DISPLAY_NAME); its
 * indented fields come in a fixed order, and the 2nd numbered one is STATE.
 */
export function parseScQuery(
  text: string,
): Map<string, { status: ServiceStatus; canPause: boolean }> {
  const services = new Map<string, { status: ServiceStatus; canPause: boolean }>();
  let current: { name: string; header: number; fields: string } | null = null;
  const finish = () => {
    if (current === null) return;
    const state = STATE[numberedFields(current.fields)[1] ?? -1];
    // The control flags line is not localised: (STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN) or NOT_PAUSABLE.
    const canPause =
      /\bPAUSABLE\b/.test(current.fields) && !/\bNOT_PAUSABLE\b/.test(current.fields);
    if (state !== undefined) services.set(current.name, { status: state, canPause });
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('[SC]')) continue;
    if (/^\S/.test(line) && line.includes(':')) {
      if (current !== null && current.header === 1 && current.fields === '') {
        current.header = 2; // DISPLAY_NAME
        continue;
      }
      finish();
      current = { name: line.slice(line.indexOf(':') + 1).trim(), header: 1, fields: '' };
    } else if (current !== null) {
      current.fields += `${line}\n`;
    }
  }
  finish();
  return services;
}

/** `sc qc`: the startup type from START_TYPE (2nd numbered field) and the (DELAYED) marker. */
export function parseScQc(text: string): StartType | null {
  const start = numberedFields(text)[1];
  if (start === 2) return /\(DELAYED\)/.test(text) ? 'AutomaticDelayed' : 'Automatic';
  if (start === 0 || start === 1) return 'Automatic';
  if (start === 3) return 'Manual';
  if (start === 4) return 'Disabled';
  return null;
}

/** The Windows error code in `[SC] <Operation> FAILED <code>:` (any language), or null. */
export function scFailureCode(text: string): number | null {
  const match = /^\[SC\]\s+\S+\s+\S+\s+(\d+)\s*:/m.exec(text);
  return match === null ? null : Number(match[1]);
}

/** The DriverError for a Windows system error code from sc.exe. */
export function systemError(code: number, what: string): DriverError {
  switch (code) {
    case 5:
      return driverError(
        'AccessDenied',
        `${what}: access denied (5); quiesce's account must be in the server's local Administrators group`,
      );
    case 1052:
      return driverError('CannotPause', `${what}: the service does not accept this control (1052)`);
    case 1053:
      return driverError('Timeout', `${what}: the service did not respond in time (1053)`);
    case 1060:
      return driverError('NotFound', `${what}: service is not installed (1060)`);
    case 1061:
      return driverError('Busy', `${what}: the service cannot accept control messages now (1061)`);
    case 1062:
      return driverError('NotActive', `${what}: the service has not been started (1062)`);
    case 1722:
    case 53:
      return driverError('Unreachable', `${what}: the server cannot be reached (${code})`);
    default:
      return driverError('Unexpected', `${what}: sc.exe failed with ${code}`);
  }
}
