// A table as text: each column padded to its widest cell, the header row bold, one column painted per row.
import type { Style } from './style.ts';

/**
 * `rows` (the header first) as aligned lines, two spaces between columns, trailing spaces trimmed; the cell in
 * column `painted` of each body row is drawn by `paint(row index among the body rows)`.
 */
export function alignedRows(
  rows: readonly (readonly string[])[],
  style: Style,
  painted: number,
  paint: (row: number) => (text: string) => string,
): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((row, r) =>
    row
      .map((text, i) => {
        const padded = text.padEnd(widths[i]!);
        if (r === 0) return style.bold(padded);
        return i === painted ? paint(r - 1)(padded) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
}
