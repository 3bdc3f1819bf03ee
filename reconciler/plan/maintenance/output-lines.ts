// The few lines of a failed hook's output that plans and status quote: the last non-empty ones, bounded,
// with the error line kept in view when it scrolled off above them (a stack trace, a crash report).
// Part of the plan's HookFailed message, so it stays in plan/; report/ reuses it for a stalled phase's words.

/** How many lines are quoted, and how long one may be. */
export const QUOTED_LINES = 5;
const MAX_LINE = 200;

/** Looks like the line that says what went wrong. */
const ERROR_LINE =
  /\b(error|exception|fatal|failed|failure|denied|cannot|could not|not found|panic|traceback)\b/i;

const cut = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);

/**
 * The last `QUOTED_LINES` non-empty lines of `tail`, trimmed and cut to length. When none of them looks like
 * an error but an earlier line does, the last such line leads, then `…`, then the last lines.
 */
export function quotedOutput(tail: readonly string[]): string[] {
  const lines = tail.map((line) => line.trim()).filter((line) => line !== '');
  const last = lines.slice(-QUOTED_LINES);
  if (last.some((line) => ERROR_LINE.test(line))) return last.map(cut);
  const earlier = lines
    .slice(0, -QUOTED_LINES)
    .filter((line) => ERROR_LINE.test(line))
    .at(-1);
  if (earlier === undefined) return last.map(cut);
  return [earlier, '…', ...last.slice(-(QUOTED_LINES - 1))].map(cut);
}

/** The quoted lines on one line (` | ` between them), or null when the hook printed nothing. */
export function quotedOutputText(tail: readonly string[] | undefined): string | null {
  const lines = quotedOutput(tail ?? []);
  return lines.length === 0 ? null : lines.join(' | ');
}
