// The plan as data: what will change, what policy blocks, what is waiting, what failed.
import type { DriverErrorKind } from '../errors.ts';
import type { Action, Mode, Revision, ServiceState, ServiceStatus } from '../model.ts';
import type { RoundAction, RoundProgress, ServerPhase } from './maintenance/round-types.ts';

/** One step the plan will run. */
export interface Change {
  pool: string;
  server: string;
  service: string;
  action: Action;
  before: ServiceState;
  after: ServiceState;
  reason: string;
}

/** A server whose changes policy refused or a hold held back; none of them runs. */
export interface Blocked {
  pool: string;
  server: string;
  /**
   * The name of the rule that blocked it, as the rule gives it (plan/policy/: maxUnavailable, minActive, quorum,
   * dns-load-balancing, maintenance-window, maintenance-gate) — a new rule brings its own name.
   */
  rule: string;
  message: string;
}

/** A service in a pending state: nothing to do until it settles. */
export interface Waiting {
  pool: string;
  server: string;
  service: string;
  status: ServiceStatus;
  message: string;
}

/** A server or service that cannot be reconciled as things are. */
export interface PlanError {
  pool: string;
  server: string;
  service: string | null;
  /** CountersUnreadable: a draining service whose session counters cannot be read (it stays Draining). */
  kind: DriverErrorKind | 'CannotPause' | 'HookFailed' | 'CountersUnreadable';
  message: string;
}

/** How a service is doing, apart from sync. */
export type Health =
  | 'Active'
  | 'Draining'
  | 'Drained'
  | 'Paused'
  | 'Stalled'
  | 'Degraded'
  | 'Unknown';

/** Counts that say at a glance where things stand. */
export interface PlanSummary {
  changes: number;
  blocked: number;
  waiting: number;
  errors: number;
  /** True when nothing is to change, wait or fail, and every draining service is Drained. */
  converged: boolean;
  /** Open sessions left on services that are draining: paused or stopping (unknown counts excluded). */
  drainingSessions: number;
  /** Pools skipped because of `spec.suspend: true`. */
  suspended: string[];
  /** What apply would do next for the maintenance rounds under way (start a drain, run a hook, record, return). */
  roundActions: number;
}

/** A whole plan: the data that apply executes and that reports render. */
export interface Plan {
  formatVersion: 1;
  revision: Revision | null;
  changes: Change[];
  blocked: Blocked[];
  waiting: Waiting[];
  errors: PlanError[];
  summary: PlanSummary;
  /** Maintenance rounds of the pools that declare one (absent when none does). */
  rollouts?: RoundView[];
  /** Maintenance windows of the pools that declare any (absent when none does). */
  windows?: WindowView[];
}

/** A pool's maintenance windows as the status page and metrics show them. */
export interface WindowView {
  pool: string;
  /** Whether a drain may start now. */
  open: boolean;
  /** When that changes (ms since epoch): the window closes, or opens; null when no change is in sight. */
  changeAt: number | null;
  /** The time zone `text` gives times in, when there is a change in sight. */
  zone: string | null;
  /** `open until Tue 06:00 Europe/Berlin, in 3h12m`, `opens Sat 22:00 UTC, in 2d`. */
  text: string;
}

/** A maintenance round as the plan carries it: data (report/ words it: `roundJson`). */
export interface RoundView extends RoundProgress {
  pool: string;
  id: string;
  /** Whether a drain may start now, and until when or from when (the window's own words, as holds quote it). */
  window: string;
  /** When the round was derived (ms since epoch: the plan's `now`), and the zone its clock times are in. */
  at: number;
  zone: string;
  servers: {
    name: string;
    phase: ServerPhase;
    /** The mode the round gives the server now (`draining` while it is out), or null: its declared one. */
    mode: Mode | null;
  }[];
  /** What apply does next for the round. */
  actions: RoundAction[];
}
