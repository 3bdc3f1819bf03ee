// Makes text from YAML safe to print: control characters escaped, long keys and values clipped.

/** Most characters of a key or value quoted in a message. */
export const MAX_QUOTED = 80;

// Controls (C0, DEL, C1), format characters (bidirectional overrides, zero-width marks, BOM), line and
// paragraph separators: anything that could move the cursor, recolour a terminal or hide text.
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with every control character written as an escape (`\n`, `\x1b`, `\u202e`, `\u{e0001}`). */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const named = NAMED[c];
    if (named !== undefined) return named;
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
    return code < 0x10000
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : `\\u{${code.toString(16)}}`;
  });
}

/** At most MAX_QUOTED characters of the text, with `…` when cut (never inside a surrogate pair). */
export function clip(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A key or value for a message: clipped, in backticks. Escaping is done once, when the issue is made. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `\`${clip(text)}\``;
}
