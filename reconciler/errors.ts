// Tagged error values: what went wrong, where, and what to do about it.

/** Why a desired-state revision was refused; `code` is stable for machines. */
export type LoadIssueCode =
  | 'io'
  | 'too-large'
  | 'encoding'
  | 'yaml'
  | 'empty'
  | 'schema'
  | 'duplicate-pool'
  | 'duplicate-server'
  | 'duplicate-service'
  | 'unmanaged-service'
  | 'invalid-value'
  | 'no-pools'
  | 'too-many';

/** One problem in the desired state, positioned at file:line:column (1-based). */
export interface LoadIssue {
  code: LoadIssueCode;
  file: string;
  line: number;
  column: number;
  message: string;
  /** What to do about it ("did you mean `draining`?"), when there is something to say. */
  hint: string | null;
  /** On the last issue (code `too-many`) of a capped list: how many problems were left out. */
  omitted?: number;
}

/** What kind of driver failure happened. */
export type DriverErrorKind =
  | 'Unreachable'
  | 'AccessDenied'
  | 'NotFound'
  | 'CannotPause'
  | 'NotActive'
  | 'Busy'
  | 'Timeout'
  | 'Unexpected';

/** A driver failure for one server (and service, when it concerns one). */
export interface DriverError {
  kind: DriverErrorKind;
  /** Worth retrying: the same call may succeed later. */
  transient: boolean;
  message: string;
}

const TRANSIENT: Record<DriverErrorKind, boolean> = {
  Unreachable: true,
  AccessDenied: false,
  NotFound: false,
  CannotPause: false,
  NotActive: false,
  Busy: true,
  Timeout: true,
  Unexpected: false,
};

/** A DriverError of `kind`, transient or not as that kind is. */
export function driverError(kind: DriverErrorKind, message: string): DriverError {
  return { kind, transient: TRANSIENT[kind], message };
}

/** Why a desired-state source (a git repository) could not be read. Every kind is retried; the last good revision stays in force. */
export interface SourceError {
  kind: 'Unreachable' | 'AccessDenied' | 'RefNotFound' | 'Unexpected';
  message: string;
}

/** What kind of state-store failure happened. */
export type StateErrorKind =
  | 'BadUrl'
  | 'Unreachable'
  | 'AuthFailed'
  | 'NoDatabase'
  | 'NewerSchema'
  | 'Locked'
  | 'LockLost'
  | 'NoSuchLock'
  | 'Io'
  | 'Unexpected';

/** A state-store failure: one line that says what, where (never a password) and what to do. */
export interface StateError {
  kind: StateErrorKind;
  /** Worth retrying: the same call may succeed later. */
  transient: boolean;
  message: string;
}

const STATE_TRANSIENT: Record<StateErrorKind, boolean> = {
  BadUrl: false,
  Unreachable: true,
  AuthFailed: false,
  NoDatabase: false,
  NewerSchema: false,
  Locked: true,
  LockLost: false,
  NoSuchLock: false,
  Io: false,
  Unexpected: false,
};

/** A StateError of `kind`, transient or not as that kind is. */
export function stateError(kind: StateErrorKind, message: string): StateError {
  return { kind, transient: STATE_TRANSIENT[kind], message };
}

/**
 * Why an engine operation could not go on (openEngine, planOnce, applyOnce, retryHook, history, unlock): the
 * CLI maps each kind to its message and exit code in one place.
 */
export type EngineError =
  /** The state dir cannot be used (a file, no access). */
  | { kind: 'BadStateDir'; message: string }
  /** The desired-state source could not be read at all. */
  | { kind: 'SourceUnavailable'; source: string; error: SourceError }
  /** The desired state was read and is invalid. */
  | {
      kind: 'InvalidDesiredState';
      revision: { id: string; author: string | null; subject: string | null };
      issues: LoadIssue[];
    }
  /** The state store failed (open, read, write, lock). */
  | { kind: 'State'; error: StateError }
  /** Closing the drivers failed to save what they keep (the simulated world). */
  | { kind: 'NotSaved'; message: string }
  /** The operation refuses what it was asked (retry-hook of no failed hook, an unknown pool): one line. */
  | { kind: 'Refused'; message: string };

/** A StateError as an EngineError. */
export const fromState = (error: StateError): EngineError => ({ kind: 'State', error });
