// Builds LoadIssue values.
import type { LoadIssue, LoadIssueCode } from '../errors.ts';

/** An issue at a 1-based line and column of a file. */
export function issueAt(
  code: LoadIssueCode,
  file: string,
  line: number,
  column: number,
  message: string,
  hint: string | null = null,
): LoadIssue {
  return { code, file, line, column, message, hint };
}

/** An issue about a whole file (placed at 1:1). */
export function fileIssue(
  code: LoadIssueCode,
  file: string,
  message: string,
  hint: string | null = null,
): LoadIssue {
  return issueAt(code, file, 1, 1, message, hint);
}
