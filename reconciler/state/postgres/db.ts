// A connection pool for ordinary queries, every failure turned into a redacted StateError.
import { err, ok, type Result } from 'neverthrow';
import pg from 'pg';
import type { StateError } from '../../errors.ts';
import { fromPgError } from './pg-errors.ts';
import type { PostgresTarget } from './target.ts';

/** A named statement. */
export interface Statement {
  name: string;
  text: string;
}

/** Queries that return Results; dedicated connections (locks, watchers) come from `client`. */
export interface Db {
  readonly target: PostgresTarget;
  /** A statement, or a named one ({ name, text }) that each connection prepares once. */
  query<R = Record<string, unknown>>(
    sql: string | Statement,
    params?: readonly unknown[],
  ): Promise<Result<R[], StateError>>;
  /** A dedicated, unpooled connection (its session holds advisory locks). */
  client(purpose: string): Promise<Result<pg.Client, StateError>>;
  fail(error: unknown): StateError;
  /** Runs `work` while a pooled connection sits in an open transaction (so it keeps its server connection). */
  holding<T>(work: () => Promise<T>): Promise<Result<T, StateError>>;
  close(): Promise<void>;
}

/** Opens a small pool (connections are made on first use). */
export function openDb(target: PostgresTarget): Db {
  const pool = new pg.Pool({ ...target.config('store'), max: 8, idleTimeoutMillis: 10_000 });
  pool.on('error', () => {}); // an idle client's failure shows on the next query
  const fail = (error: unknown) => fromPgError(error, target.location, target.redact);
  const dedicated = new Set<pg.Client>();
  return {
    target,
    fail,
    async query<R>(sql: string | Statement, params: readonly unknown[] = []) {
      try {
        const statement = typeof sql === 'string' ? { text: sql } : sql;
        return ok((await pool.query({ ...statement, values: params as unknown[] })).rows as R[]);
      } catch (error) {
        return err(fail(error));
      }
    },
    async client(purpose) {
      const client = new pg.Client(target.config(purpose));
      client.on('error', () => {}); // the lease watches 'end'; errors surface on the next query
      dedicated.add(client);
      client.on('end', () => dedicated.delete(client));
      try {
        await client.connect();
        const seconds = String(Math.max(1, Math.round(target.keepAliveMs / 1000)));
        await client.query(
          `select set_config('tcp_keepalives_idle', $1, false), set_config('tcp_keepalives_interval', $1, false),
                  set_config('tcp_keepalives_count', '3', false)`,
          [seconds],
        );
        return ok(client);
      } catch (error) {
        await client.end().catch(() => {});
        return err(fail(error));
      }
    },
    async holding(work) {
      let client: pg.PoolClient | undefined;
      try {
        client = await pool.connect();
        await client.query('begin');
        return ok(await work());
      } catch (error) {
        return err(fail(error));
      } finally {
        await client?.query('commit').catch(() => {});
        client?.release();
      }
    },
    async close() {
      await Promise.all([...dedicated].map((client) => client.end().catch(() => {})));
      await pool.end();
    },
  };
}
