// DESIGN §7's import rules as data and one check: layers from the inside out, what each may import, and
// which folders must stay pure. Fed a map of file → source (paths relative to reconciler/), so a test
// can feed it a synthetic tree as well as the real one.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { ENV_GLOBALS, globalsOf, type ImportRef, IO_GLOBALS, importsOf } from './import-graph.ts';

/**
 * Areas (a folder under reconciler/, or a top-level file without .ts) from the inside out. An area may
 * import areas of a lower rank; within a rank, only where `siblings` allows it.
 */
export const LAYERS: { areas: string[]; siblings: boolean; note: string }[] = [
  {
    areas: ['model', 'errors', 'duration', 'actor', 'audit-record', 'doctor-finding'],
    siblings: true,
    note: 'domain types, errors, pure helpers',
  },
  { areas: ['plan'], siblings: false, note: 'pure: planning' },
  { areas: ['status'], siblings: false, note: 'pure: fleet status, conditions, summaries' },
  { areas: ['report'], siblings: false, note: 'pure: rendering' },
  {
    areas: ['atomic-file', 'fs-async', 'fs-error', 'paths', 'state-dir', 'sleep'],
    siblings: true,
    note: 'shared I/O helpers',
  },
  { areas: ['drivers', 'state'], siblings: false, note: 'adapters: drivers, stores' },
  { areas: ['load'], siblings: false, note: 'loading: driver fields from the driver registry' },
  { areas: ['apply'], siblings: false, note: 'runs exactly a plan' },
  { areas: ['loop', 'notify'], siblings: false, note: 'reconcile loop, notifications' },
  { areas: ['serve'], siblings: false, note: 'HTTP surfaces' },
  { areas: ['engine'], siblings: false, note: 'the operations every surface shares' },
  { areas: ['cli'], siblings: false, note: 'argv, env, wiring' },
];

/** Pure areas: no node: import, no I/O or clock; they import each other's types in any direction. */
export const PURE = ['plan', 'status', 'report'];
/** Drivers and stores import only the core, shared helpers, their own folder, and types from the pure areas. */
export const ADAPTERS = ['drivers', 'state'];
/** The only area that reads process.env / process.argv. */
export const ENTRY = 'cli';
/**
 * What cli/ may not reach past engine/ for (paths relative to reconciler/, a trailing slash for a folder and
 * all under it): the runner, the rounds' planning, concrete stores and concrete drivers (only registries).
 */
export const CLI_FORBIDDEN = [
  'apply/',
  'plan/maintenance/',
  'state/folder/',
  'state/postgres/',
  'drivers/*/',
];

/** Whether `to` (relative to reconciler/) is among CLI_FORBIDDEN. */
function forbiddenToCli(to: string): boolean {
  return CLI_FORBIDDEN.some((rule) =>
    rule === 'drivers/*/' ? /^drivers\/[^/]+\//.test(to) : to.startsWith(rule),
  );
}

/** One broken rule, naming the file (relative to reconciler/), the line and the import or use. */
export interface Violation {
  rule:
    | 'cycle'
    | 'upward'
    | 'sibling'
    | 'adapter'
    | 'node-in-pure'
    | 'io-in-pure'
    | 'env-outside-cli'
    | 'cli-reach'
    | 'unknown-area';
  file: string;
  line: number;
  target: string;
}

/** The area a file belongs to: its first folder, or its own name for a top-level file. */
export function areaOf(file: string): string {
  const [first, second] = file.split('/');
  return second === undefined ? first!.replace(/\.ts$/, '') : first!;
}

const rankOf = (area: string) => LAYERS.findIndex((layer) => layer.areas.includes(area));
const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);

/** The rule an import of `to` from `ref.from` breaks, or null. */
function importRule(ref: ImportRef, to: string): Violation['rule'] | null {
  const [a, b] = [areaOf(ref.from), areaOf(to)];
  if (a === b) return null;
  const [ra, rb] = [rankOf(a), rankOf(b)];
  if (ra < 0 || rb < 0) return 'unknown-area';
  if (a === ENTRY && forbiddenToCli(to)) return 'cli-reach';
  if (PURE.includes(a) && PURE.includes(b) && ref.typeOnly) return null;
  if (ADAPTERS.includes(a) && PURE.includes(b)) return ref.typeOnly ? null : 'adapter';
  if (rb > ra) return 'upward';
  if (rb === ra && !LAYERS[ra]!.siblings) return 'sibling';
  return null;
}

/** Import cycles among `edges` (file → files), each as the files on it, by Tarjan's strongly connected components. */
export function cyclesOf(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      component.push(top);
    } while (top !== node);
    if (component.length > 1 || (edges.get(node) ?? []).includes(node))
      cycles.push(component.sort());
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** Every rule `sources` (path relative to reconciler/ → source text) breaks. */
export function checkArchitecture(sources: Map<string, string>): Violation[] {
  const violations: Violation[] = [];
  const edges = new Map<string, string[]>();
  for (const [file, source] of sources) {
    const area = areaOf(file);
    const targets: string[] = [];
    for (const ref of importsOf(file, source)) {
      if (isBuiltin(ref.specifier)) {
        if (PURE.includes(area))
          violations.push({ rule: 'node-in-pure', file, line: ref.line, target: ref.specifier });
        continue;
      }
      if (!ref.specifier.startsWith('.')) continue; // an npm package
      const to = posix.normalize(posix.join(posix.dirname(file), ref.specifier));
      targets.push(to);
      const rule = importRule(ref, to);
      if (rule !== null) violations.push({ rule, file, line: ref.line, target: to });
    }
    edges.set(file, targets);
    if (PURE.includes(area))
      for (const use of globalsOf(file, source, IO_GLOBALS))
        violations.push({ rule: 'io-in-pure', file, line: use.line, target: use.what });
    if (area !== ENTRY)
      for (const use of globalsOf(file, source, ENV_GLOBALS))
        violations.push({ rule: 'env-outside-cli', file, line: use.line, target: use.what });
  }
  for (const cycle of cyclesOf(edges))
    violations.push({ rule: 'cycle', file: cycle[0]!, line: 0, target: cycle.join(' → ') });
  return violations;
}

/** A violation as one line: `rule file:line → target`. */
export const describeViolation = (v: Violation) => `${v.rule} ${v.file}:${v.line} → ${v.target}`;
