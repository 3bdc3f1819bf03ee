// Reads the imports of TypeScript source with a small regex (import/export-from, side-effect and dynamic
// imports), and the uses of the process, clock and I/O globals, with comments left out.

/** One import statement: where it is, what it names, and whether it brings in types only. */
export interface ImportRef {
  from: string;
  specifier: string;
  line: number;
  typeOnly: boolean;
}

/** One use of a global that DESIGN §7 reserves for some layers (process.env, Date.now(), fetch(), …). */
export interface GlobalUse {
  file: string;
  what: string;
  line: number;
}

const STATEMENTS = [
  /^[ \t]*import\s+(type\s+)?([\w$]+\s*,?\s*)?(\{[^}]*\}|\*\s+as\s+[\w$]+)?\s*from\s*['"]([^'"]+)['"]/gm,
  /^[ \t]*export\s+(type\s+)?()(\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)\s*from\s*['"]([^'"]+)['"]/gm,
];
const SIDE_EFFECT = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Globals that read the environment or arguments: only cli/ may. */
export const ENV_GLOBALS = /\bprocess\s*(?:\.\s*(?:env|argv)\b|\[\s*['"](?:env|argv)['"]\s*\])/g;
/** Globals that do I/O or read the clock: none of them in plan/, status/ or report/. */
export const IO_GLOBALS =
  /\b(?:process\s*[.[]|fetch\s*\(|console\s*\.|require\s*\(|Date\.now\s*\(|new\s+Date\s*\(\s*\)|set(?:Timeout|Interval|Immediate)\s*\(|globalThis\s*\.)/g;

/** The line `index` falls on (1-based). */
const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Comments, and the string literals a comment marker may sit in, from left to right. */
const COMMENT_OR_STRING =
  /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g;

/** `text` with comments blanked out (kept the same length, so line numbers hold); strings stay. */
export function withoutComments(text: string): string {
  return text.replace(COMMENT_OR_STRING, (m) => (m.startsWith('/') ? m.replace(/[^\n]/g, ' ') : m));
}

/** Every import of one file's source. */
export function importsOf(from: string, source: string): ImportRef[] {
  const text = withoutComments(source);
  const refs: ImportRef[] = [];
  for (const pattern of STATEMENTS)
    for (const m of text.matchAll(pattern)) {
      const names = m[3] ?? '';
      const specifiers = names.startsWith('{')
        ? names
            .slice(1, -1)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
      const allTypes =
        !m[2] && specifiers.length > 0 && specifiers.every((s) => s.startsWith('type '));
      refs.push({
        from,
        specifier: m[4]!,
        line: lineAt(text, m.index),
        typeOnly: m[1] !== undefined || allTypes,
      });
    }
  for (const pattern of [SIDE_EFFECT, DYNAMIC])
    for (const m of text.matchAll(pattern))
      refs.push({ from, specifier: m[1]!, line: lineAt(text, m.index), typeOnly: false });
  return refs.sort((a, b) => a.line - b.line);
}

/** Every match of `pattern` in one file's source, comments left out. */
export function globalsOf(file: string, source: string, pattern: RegExp): GlobalUse[] {
  const text = withoutComments(source);
  return [...text.matchAll(pattern)].map((m) => ({
    file,
    what: m[0].replace(/\s+/g, ''),
    line: lineAt(text, m.index),
  }));
}
