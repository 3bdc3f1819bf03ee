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
