// Builds LoadIssue values.
import type { LoadIssue, LoadIssueCode } from '../errors.ts';
import { escapeControl } from './quote.ts';

/** An issue at a 1-based line and column of a file; control characters in its text (and path) are escaped. */
export function issueAt(
  code: LoadIssueCode,
  file: string,
  line: number,
  column: number,
  message: string,
  hint: string | null = null,
): LoadIssue {
  return {
    code,
    file: escapeControl(file),
    line,
    column,
    message: escapeControl(message),
    hint: hint === null ? null : escapeControl(hint),
  };
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
