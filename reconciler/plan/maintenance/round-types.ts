// Rounds as data: what the store remembers per server and round, and what the derivation says about it.
import type { Mode } from '../../model.ts';

/** How a hook ended, as recorded. */
export interface HookOutcome {
  ok: boolean;
  /** Exit, Signal, Timeout, Aborted or Spawn when it failed. */
  kind: string | null;
  exitCode: number | null;
  message: string;
  /** The last lines of its output. */
  tail: string[];
}

/** What the store remembers of one server in one round (`id`); times in ms since epoch. */
export interface RoundRecord {
  pool: string;
  id: string;
  server: string;
  /** When the round took the server out (its drain began). */
  drainStartedAt: number | null;
  hookStartedAt: number | null;
  /** The hook's process id while it runs, so a later run can stop an orphan before running it again. */
  hookPid: number | null;
  hookEndedAt: number | null;
  hook: HookOutcome | null;
  /** Hook runs so far (retries included). */
  attempts: number;
  /** When the server was seen Running again and recorded done. */
  doneAt: number | null;
}

/** A fresh record for a server of a round. */
export const newRecord = (pool: string, id: string, server: string): RoundRecord => ({
  pool,
  id,
  server,
  drainStartedAt: null,
  hookStartedAt: null,
  hookPid: null,
  hookEndedAt: null,
  hook: null,
  attempts: 0,
  doneAt: null,
});

/** What the gates said before a server's drain: go, wait and ask again (Busy), or blocked. */
export interface GateVerdict {
  state: 'go' | 'wait' | 'blocked';
  /** Which gate answered (the first that did not say go), and what it said. */
  message: string;
  at: number;
}

/** Where one server of the round stands. */
export type ServerPhase =
  | { phase: 'done'; at: number }
  | { phase: 'settling'; until: number }
  | { phase: 'skipped'; message: string }
  | { phase: 'pending'; message: string }
  | { phase: 'waiting-window'; message: string; opens: number | null }
  /** `waiting`: the gate said wait (Busy) and is asked again; otherwise it said no. */
  | { phase: 'blocked-gate'; message: string; waiting: boolean }
  /** `since` null: the drain starts with this plan (not started yet, so no duration). */
  | { phase: 'draining'; since: number | null; drained: boolean }
  | { phase: 'hook-running'; since: number }
  | { phase: 'returning'; since: number }
  | {
      phase: 'stalled';
      reason: 'hook-failed' | 'drain-timeout';
      message: string;
      hook: HookOutcome | null;
    };

/** One thing the applier should do next for the round. */
export type RoundAction =
  | { kind: 'check-gates'; server: string }
  | { kind: 'start-drain'; server: string }
  | { kind: 'run-hook'; server: string; rerun: boolean }
  | { kind: 'record-done'; server: string };

/** The round as a whole. */
export type RoundState = 'running' | 'waiting' | 'stopped' | 'done';

/** Where the round stands as a whole, as data (report/ says it in one line: "3 of 6 done; next fe04: …"). */
export interface RoundProgress {
  state: RoundState;
  /** Servers of the round done, of those it counts (declared draining ones are skipped). */
  done: number;
  total: number;
  /** The server whose failed hook stopped the round, or null. */
  stoppedBy: string | null;
  /** The first server the round waits on, and why; null when it waits on none. */
  waitingOn: { server: string; phase: ServerPhase } | null;
}

/** Everything derived for one pool's round. */
export interface Round extends RoundProgress {
  pool: string;
  id: string;
  servers: { name: string; phase: ServerPhase }[];
  actions: RoundAction[];
  /** The mode the planner should give each server in the round right now (draining while out). */
  modes: Map<string, Mode>;
  /** Unavailable servers (within the budget's scope) once the actions' drains have started, and the limit. */
  unavailable: number;
  limit: number;
  /** When something time-bound changes by itself (a window opens, settle ends), so a watcher can wake up. */
  wakeAt: number | null;
}
