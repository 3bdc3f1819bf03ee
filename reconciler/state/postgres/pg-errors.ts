// node-postgres and socket failures → one clear StateError each, with the password redacted.
import { type StateError, stateError } from '../../errors.ts';

interface PgFailure {
  code?: string;
  message?: string;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOENT',
  'EPIPE',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** Classifies a failure while talking to the store at `location` (already redacted). */
export function fromPgError(
  error: unknown,
  location: string,
  redact: (text: string) => string,
): StateError {
  const failure = (error ?? {}) as PgFailure;
  const code = failure.code ?? '';
  const detail = redact(String(failure.message ?? error)).split('\n')[0] ?? '';
  if (code === '28P01' || code === '28000' || /password|SASL|SCRAM/i.test(detail))
    return stateError(
      'AuthFailed',
      `PostgreSQL at ${location} refused the credentials (${detail}); check the user, and the password in PGPASSWORD, ~/.pgpass or the URL`,
    );
  if (code === '3D000')
    return stateError(
      'NoDatabase',
      `PostgreSQL at ${location}: ${detail}; create it (createdb) or fix the URL`,
    );
  if (code === '57014' && /statement timeout/i.test(detail))
    return stateError(
      'Unreachable',
      `PostgreSQL at ${location} cancelled a statement that ran past its statement_timeout (${detail}); is a table locked by another session, or the server overloaded?`,
    );
  if (
    UNREACHABLE.has(code) ||
    /timeout|terminated|Connection terminated|connect|closed/i.test(detail)
  )
    return stateError(
      'Unreachable',
      `cannot reach PostgreSQL at ${location}: ${detail}; is it running and reachable from here?`,
    );
  return stateError('Unexpected', `PostgreSQL at ${location}: ${detail}`);
}
