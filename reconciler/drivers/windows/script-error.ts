// A script's error, as the session answers it ({category, id, message}), as a tagged DriverError.
import { type DriverError, type DriverErrorKind, driverError } from '../../errors.ts';

/** PowerShell ErrorCategory → the driver error it means for quiesce. */
const BY_CATEGORY: Partial<Record<string, DriverErrorKind>> = {
  PermissionDenied: 'AccessDenied',
  SecurityError: 'AccessDenied',
  ConnectionError: 'Unreachable',
  // PowerShell remoting that cannot connect (PSRemotingTransportException: WinRM unreachable or refused).
  OpenError: 'Unreachable',
  ResourceUnavailable: 'Unreachable',
  OperationTimeout: 'Timeout',
};

/** The DriverError for a script that failed on `host` while doing `what`; the message is a short excerpt. */
export function scriptError(text: string, what: string, host: string): DriverError {
  let parsed: { category?: unknown; id?: unknown; message?: unknown } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = { message: text };
  }
  const category = String(parsed.category ?? '');
  const message = String(parsed.message ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const short = message.length > 200 ? `${message.slice(0, 200)}…` : message;
  const id =
    typeof parsed.id === 'string' && parsed.id !== '' ? ` [${parsed.id.split(',')[0]}]` : '';
  const access = /access is denied|0x80070005/i.test(message);
  const kind = access ? 'AccessDenied' : (BY_CATEGORY[category] ?? 'Unexpected');
  return driverError(kind, `${what} on ${host}: script error: ${short}${id}`);
}
