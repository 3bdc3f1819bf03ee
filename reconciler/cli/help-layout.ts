// Laying out help text for an 80-column terminal: words wrapped to a width, and two aligned columns.

/** The width help is laid out for. */
export const HELP_WIDTH = 80;

/** The widest first column; a longer label puts its description on the next line. */
const MAX_LABEL = 28;

/** A space that wrapping never breaks at (printed as a space): `3${GLUE}blocked`. */
export const GLUE = '\u00a0';

/** `text`'s words in lines of at most `width`, GLUE kept; a longer word stands alone. */
function wrapGlued(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\r\n]+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** `text`'s words (runs of spaces and newlines are one space) in lines of at most `width`; a longer word stands alone. */
export function wrapWords(text: string, width: number): string[] {
  return wrapGlued(text, width).map((line) => line.replaceAll(GLUE, ' '));
}

/** Paragraphs (separated by a blank line) wrapped to `width`, a blank line between them. */
export function wrapParagraphs(text: string, width: number): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => wrapWords(paragraph, width).join('\n'))
    .join('\n\n');
}

/** `prefix` then `text` wrapped to HELP_WIDTH, later lines indented by `indent` spaces. */
export function hangingWrap(prefix: string, text: string, indent: number): string {
  const [first = '', ...rest] = wrapGlued(`${prefix}${text}`, HELP_WIDTH);
  const more = wrapWords(rest.join(' '), HELP_WIDTH - indent).map(
    (l) => `${' '.repeat(indent)}${l}`,
  );
  return [first.replaceAll(GLUE, ' '), ...more].join('\n');
}

/**
 * Rows of label and description, indented by two spaces, descriptions aligned and wrapped to HELP_WIDTH;
 * the label column is as wide as the widest label up to MAX_LABEL.
 */
export function twoColumns(
  rows: readonly (readonly [label: string, description: string])[],
): string {
  const fitting = rows.map(([label]) => label.length).filter((n) => n <= MAX_LABEL);
  const column = 2 + Math.max(0, ...fitting) + 2;
  const pad = ' '.repeat(column);
  return rows
    .map(([label, description]) => {
      const lines = wrapWords(description, HELP_WIDTH - column).map((line) => pad + line);
      const head = `  ${label}`;
      if (head.length + 2 > column) return [head, ...lines].join('\n');
      lines[0] = head.padEnd(column) + (lines[0] ?? '').trimStart();
      return lines.join('\n');
    })
    .map((row) => `${row.trimEnd()}\n`)
    .join('');
}
