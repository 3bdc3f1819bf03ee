// A PostgreSQL URL made into node-postgres settings: timeouts, keepalives, password sources.
import { err, ok, type Result } from 'neverthrow';
import type { ClientConfig } from 'pg';
import { parse } from 'pg-connection-string';
import pgpass from 'pgpass';
import { type StateError, stateError } from '../../errors.ts';
import { redactor, redactUrl } from './redact.ts';

/** How to reach the store. `env` is handed in by the CLI (only PGPASSWORD is read from it here). */
export interface PostgresOptions {
  url: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** Cancel any statement running longer (default 30 s; `?statement_timeout=` in the URL wins). */
  statementTimeoutMs?: number;
  /** TCP keepalive idle time, both directions (default 5 s): a dead peer is noticed within ~15 s. */
  keepAliveMs?: number;
  /** The caller will take pool locks (apply, watch): open their session while the schema is checked. */
  locks?: boolean;
}

/** A validated target: settings for clients, a printable location, and the redaction for messages. */
export interface PostgresTarget {
  location: string;
  config: (purpose: string) => ClientConfig;
  redact: (text: string) => string;
  statementTimeoutMs: number;
  keepAliveMs: number;
}

/** How long past the statement timeout the client waits for an answer before it gives up on one. */
export const QUERY_GRACE_MS = 10_000;

const lookupPgpass = (params: Parameters<typeof pgpass>[0]) =>
  new Promise<string | undefined>((resolve) => pgpass(params, resolve));

/** Checks the URL and builds the settings; a bad URL is one BadUrl error that never shows the password. */
export function postgresTarget(options: PostgresOptions): Result<PostgresTarget, StateError> {
  // Only the plain form: `postgres:/u:p@h` or ` postgres://…` would parse, but not as the user meant it.
  if (!/^postgres(ql)?:\/\/[^/\s]/i.test(options.url)) return err(badUrl(options.url));
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return err(badUrl(options.url));
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return err(badUrl(options.url));
  let password: string;
  try {
    password = decodeURIComponent(url.password);
  } catch {
    return err(
      stateError(
        'BadUrl',
        `--state ${shown(options.url)}: the password has a % not followed by two hex digits; write a % in it as %25 (or leave the password out of the URL: PGPASSWORD or ~/.pgpass)`,
      ),
    );
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(verifiedSslMode(options.url));
  } catch {
    return err(badUrl(options.url));
  }
  const env = options.env ?? {};
  const fromUrl = url.searchParams.get('statement_timeout');
  const urlTimeoutMs = fromUrl === null ? null : milliseconds(fromUrl);
  if (urlTimeoutMs === undefined)
    return err(
      stateError(
        'BadUrl',
        `--state ${redactUrl(options.url)}: statement_timeout=${fromUrl} is not a duration; write milliseconds (5000) or 5s`,
      ),
    );
  const statementTimeoutMs = urlTimeoutMs ?? options.statementTimeoutMs ?? 30_000;
  const keepAliveMs = options.keepAliveMs ?? 5_000;
  const settings = Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => value !== '' && value !== null),
  );
  return ok({
    location: redactUrl(options.url),
    redact: redactor(password),
    statementTimeoutMs,
    keepAliveMs,
    config: (purpose) =>
      ({
        ...settings,
        port: settings.port === undefined ? undefined : Number(settings.port),
        password:
          password !== ''
            ? password
            : async (params: Parameters<typeof pgpass>[0]) =>
                env.PGPASSWORD ?? (await lookupPgpass(params)),
        application_name: `quiesce ${purpose}`,
        connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
        statement_timeout: statementTimeoutMs,
        // A server that stops answering (a partition, a frozen host) is given up on client-side too.
        query_timeout: statementTimeoutMs + QUERY_GRACE_MS,
        keepAlive: true,
        keepAliveInitialDelayMillis: keepAliveMs,
      }) as ClientConfig,
  });
}

/**
 * node-postgres treats sslmode prefer, require and verify-ca as verify-full (the server's certificate is
 * verified) and warns about it on stderr; quiesce keeps that meaning, says so in docs/state.md, and asks for it
 * by its name so nothing is printed. `uselibpqcompat=true` in the URL gives libpq's meanings instead.
 */
function verifiedSslMode(text: string): string {
  const url = new URL(text);
  const mode = url.searchParams.get('sslmode');
  if (url.searchParams.get('uselibpqcompat') === 'true') return text;
  if (mode !== 'prefer' && mode !== 'require' && mode !== 'verify-ca') return text;
  url.searchParams.set('sslmode', 'verify-full');
  return url.toString();
}

/** `statement_timeout` as PostgreSQL writes it (milliseconds, or with ms, s or min); undefined if not one. */
function milliseconds(text: string): number | undefined {
  const match = /^(\d+)\s*(ms|s|min)?$/.exec(text.trim());
  if (match === null) return undefined;
  const scale = { ms: 1, s: 1_000, min: 60_000 }[match[2] ?? 'ms'] ?? 1;
  const ms = Number(match[1]) * scale;
  return ms > 0 ? ms : undefined;
}

/** What a bad --state value may show: a URL without its password; anything else only after its last `@`. */
function shown(url: string): string {
  if (/^postgres(ql)?:\/\/[^/\s]/i.test(url)) return redactUrl(url);
  const at = url.lastIndexOf('@');
  return at < 0 ? url : `…${url.slice(at)}`;
}

function badUrl(url: string): StateError {
  return stateError(
    'BadUrl',
    `--state ${shown(url)} is not a PostgreSQL URL; expected postgres://USER@HOST:PORT/DATABASE (password from PGPASSWORD or ~/.pgpass)`,
  );
}
