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
  | 'unmanaged-service'
  | 'invalid-value'
  | 'no-pools';

/** One problem in the desired state, positioned at file:line:column (1-based). */
export interface LoadIssue {
  code: LoadIssueCode;
  file: string;
  line: number;
  column: number;
  message: string;
  /** What to do about it ("did you mean `draining`?"), when there is something to say. */
  hint: string | null;
}
