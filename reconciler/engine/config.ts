// EngineConfig: what every engine operation runs with, built once by cli/ from argv and the environment.
import type { Actor } from '../actor.ts';
import type { RetryPolicy } from '../apply/index.ts';
import { sleep } from '../sleep.ts';
import type { StoreLocation } from '../state/open.ts';

/** Everything an operation needs from outside: where state lives, how hard to work, one clock, who acts. */
export interface EngineConfig {
  /** Where the state store is: a URL of a scheme in state/open.ts, or the state folder. */
  store: StoreLocation;
  /** The state dir (--state-dir): the folder store, the simulated world, git checkouts. */
  stateDir: string;
  /** The command takes pool locks (apply, watch): the store may prepare for them. */
  locks: boolean;
  /** How many servers are worked on (and observed) at once. */
  concurrency: number;
  /** Retry timing for driver calls. */
  retry: RetryPolicy;
  /** The one clock of a run: steps, records, rounds, windows and views all read it. */
  now: () => number;
  /** Who runs this: host, pid, command, CI job URL. */
  actor: Actor;
  /** How long a Busy or blocked gate answer stands before the gate is asked again. */
  gateRecheckMs: number;
  /** How long a gate command may run. */
  gateTimeoutMs: number;
  /** Mean simulated session lifetime in seconds (the simulated driver). */
  sessionSeconds: number;
  /** The environment gates, hooks and stores are handed (filtered by them as they need). */
  env: Readonly<Record<string, string | undefined>>;
  /** What drivers say besides results (a missing session counter), once each. */
  warn: (message: string) => void;
  /** Stops hooks (they run again next time: no end is recorded). */
  signal?: AbortSignal;
  /** The arguments a retry command needs to work as printed: this run's source and state flags. */
  retryArgs?: readonly string[];
}

/** Retry timing for driver calls. */
export const RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseMs: 200,
  maxMs: 2000,
  sleep,
  random: Math.random,
};

/** How long a gate command may run. */
export const GATE_TIMEOUT_MS = 5 * 60_000;

/** How long a Busy or blocked gate answer stands before the gate is asked again. */
export const GATE_RECHECK_MS = 30_000;

/** Servers observed at once by the read-only commands (plan, status). */
export const READ_CONCURRENCY = 16;
