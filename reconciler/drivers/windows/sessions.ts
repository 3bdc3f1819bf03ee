// One PowerShell session per server, kept across calls: started on first use, replaced when it hangs or dies,
// closed when idle or when the driver closes.
import { errAsync, ResultAsync } from 'neverthrow';
import type { DriverError } from '../../errors.ts';
import { PowerShellSession, type SessionSpec } from './session.ts';

/** How sessions are started and kept. */
export interface SessionPoolOptions {
  /** The session for `host` (argv, time limit, transport errors). */
  spec(host: string): SessionSpec;
  /** Close a session unused this long. */
  idleMs: number;
  /** One process per call (the old way; for the benchmark's comparison). */
  perCall?: boolean;
}

/** Sessions by host. */
export interface SessionPool {
  /** Runs a script on `host`'s session; a session found dead (dropped connection) is started again once. */
  run(
    host: string,
    script: string,
    what: string,
    limitMs?: number,
  ): ResultAsync<string, DriverError>;
  /** How many sessions were started (processes, or ssh connections). */
  readonly started: number;
  close(): Promise<void>;
}

interface Entry {
  session: ResultAsync<PowerShellSession, DriverError>;
  idle: NodeJS.Timeout | null;
}

/** A pool of sessions, one per host. */
export function sessionPool(options: SessionPoolOptions): SessionPool {
  const entries = new Map<string, Entry>();
  let started = 0;

  const start = (host: string): ResultAsync<PowerShellSession, DriverError> => {
    started++;
    return PowerShellSession.start(options.spec(host));
  };

  const drop = (host: string, entry: Entry) => {
    if (entries.get(host) === entry) entries.delete(host);
    if (entry.idle !== null) clearTimeout(entry.idle);
    void entry.session.map((session) => session.close());
  };

  const sessionFor = (host: string): ResultAsync<PowerShellSession, DriverError> => {
    const current = entries.get(host);
    if (current !== undefined) return current.session;
    const entry: Entry = { session: start(host), idle: null };
    entries.set(host, entry);
    return entry.session.orElse((error) => {
      if (entries.get(host) === entry) entries.delete(host);
      return errAsync(error);
    });
  };

  const touch = (host: string) => {
    const entry = entries.get(host);
    if (entry === undefined) return;
    if (entry.idle !== null) clearTimeout(entry.idle);
    entry.idle = setTimeout(() => drop(host, entry), options.idleMs);
    entry.idle.unref();
  };

  /** One try; `dropped` when the session died under the request (worth one reconnect). */
  const once = (host: string, script: string, what: string, limitMs?: number) =>
    sessionFor(host)
      .mapErr((error) => ({ error, dropped: false }))
      .andThen((session) =>
        session.request(script, what, limitMs).orElse((error) => {
          // A hung request killed its session; a dead one is replaced on the next call.
          if (!session.alive) {
            const entry = entries.get(host);
            if (entry !== undefined) drop(host, entry);
          }
          return errAsync({ error, dropped: !session.alive && error.kind === 'Unreachable' });
        }),
      );

  return {
    get started() {
      return started;
    },
    run(host, script, what, limitMs) {
      if (options.perCall === true)
        return start(host).andThen((session) => {
          const answer = async () => {
            const result = await session.request(script, what, limitMs);
            await session.close();
            return result;
          };
          return new ResultAsync(answer());
        });
      const attempt = () =>
        once(host, script, what, limitMs).map((text) => {
          touch(host);
          return text;
        });
      // Reconnect once when the session (or its ssh connection) was found dropped, then give up: Unreachable.
      return attempt().orElse((failure) =>
        failure.dropped ? attempt().mapErr((again) => again.error) : errAsync(failure.error),
      );
    },
    async close() {
      const all = [...entries.entries()];
      entries.clear();
      await Promise.all(
        all.map(async ([, entry]) => {
          if (entry.idle !== null) clearTimeout(entry.idle);
          const session = await entry.session;
          if (session.isOk()) await session.value.close();
        }),
      );
    },
  };
}
