// DESIGN §7's import rules over every file under reconciler/: no cycle, no upward or sideways import, no
// node: import, I/O or clock in plan/, status/ or report/, no process.env/argv outside cli/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importsOf } from './helpers/architecture/import-graph.ts';
import { checkArchitecture, describeViolation } from './helpers/architecture/import-rules.ts';

/**
 * Violations on main that other branches of issue 10 are removing: each must still occur (a fixed one is
 * taken off this list), and nothing else may. Empty is the goal.
 */
const KNOWN: string[] = [];

/** Every .ts file under reconciler/, by path relative to it. */
function reconcilerSources(): Map<string, string> {
  const root = join(import.meta.dirname, '..', 'reconciler');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.split('\\').join('/'))
    .sort();
  return new Map(files.map((file) => [file, readFileSync(join(root, file), 'utf8')]));
}

/** A violation without its line number, so the list survives edits that move lines. */
const key = (line: string) => line.replace(/:\d+ → /, ' → ');

test('reconciler/ keeps the import rules of DESIGN §7 (apart from the known violations)', () => {
  const sources = reconcilerSources();
  assert.ok(sources.size > 100, `read the tree (${sources.size} files)`);
  const found = checkArchitecture(sources).map(describeViolation);
  const unexpected = found.filter((line) => !KNOWN.includes(key(line)));
  const fixed = KNOWN.filter((known) => !found.some((line) => key(line) === known));
  assert.equal(unexpected, [], `new violations:\n${unexpected.join('\n')}`);
  assert.equal(fixed, [], `fixed; take them off KNOWN:\n${fixed.join('\n')}`);
});

test('self-test: imports are read from every statement form, comments left out', () => {
  const source = `// Lists *.yaml/*.yml files
import { a,
  type B } from './a.ts';
import type { C } from "../c.ts";
import D, { type E } from './d.ts';
import * as F from 'node:fs';
import './side.ts';
export { G } from './g.ts';
export type { H } from './h.ts';
export * from './i.ts';
const j = await import('./j.ts');
/* import { k } from './k.ts'; */
const text = 'see http://example.com';
`;
  assert.equal(
    importsOf('x/y.ts', source).map((r) => [r.specifier, r.line, r.typeOnly]),
    [
      ['./a.ts', 2, false],
      ['../c.ts', 4, true],
      ['./d.ts', 5, false],
      ['node:fs', 6, false],
      ['./side.ts', 7, false],
      ['./g.ts', 8, false],
      ['./h.ts', 9, true],
      ['./i.ts', 10, false],
      ['./j.ts', 11, false],
    ],
  );
});

test('self-test: a synthetic tree breaking every rule is caught, naming file and import', () => {
  const bad = new Map([
    ['plan/a.ts', "import { b } from './b.ts';\nimport { readFileSync } from 'node:fs';\n"],
    ['plan/b.ts', "import { a } from './a.ts';\nimport { c } from '../status/c.ts';\n"],
    ['status/c.ts', 'export const c = () => Date.now();\n'],
    ['report/r.ts', "import { run } from '../apply/run.ts';\nconsole.log(1);\n"],
    ['drivers/d.ts', "import { s } from '../state/s.ts';\nimport { plan } from '../plan/a.ts';\n"],
    ['state/s.ts', "import type { C } from '../status/c.ts';\n"],
    ['apply/run.ts', "const url = process.env.URL;\nimport { cli } from '../cli/main.ts';\n"],
    ['cli/main.ts', 'const args = process.argv;\n'],
    ['widgets/w.ts', "import { c } from '../status/c.ts';\n"],
  ]);
  assert.equal(checkArchitecture(bad).map(describeViolation).sort(), [
    'adapter drivers/d.ts:2 → plan/a.ts',
    'cycle plan/a.ts:0 → plan/a.ts → plan/b.ts',
    'env-outside-cli apply/run.ts:1 → process.env',
    'io-in-pure report/r.ts:2 → console.',
    'io-in-pure status/c.ts:1 → Date.now(',
    'node-in-pure plan/a.ts:2 → node:fs',
    'sibling drivers/d.ts:1 → state/s.ts',
    'unknown-area widgets/w.ts:1 → status/c.ts',
    'upward apply/run.ts:2 → cli/main.ts',
    'upward plan/b.ts:2 → status/c.ts',
    'upward report/r.ts:1 → apply/run.ts',
  ]);
});

test('self-test: cli/ reaches only engine/ and registries, never apply/, rounds, concrete stores or drivers', () => {
  const tree = new Map([
    [
      'cli/main.ts',
      [
        "import { runPlan } from '../apply/run-plan.ts';",
        "import { planWithMaintenance } from '../plan/maintenance/maintenance-plan.ts';",
        "import { openFolderStore } from '../state/folder/index.ts';",
        "import { openPostgresStore } from '../state/postgres/postgres-store.ts';",
        "import { createHaproxyDriver } from '../drivers/haproxy/index.ts';",
        "import { driverRow } from '../drivers/registry.ts';",
        "import { KeptDrivers } from '../drivers/kept-drivers.ts';",
        "import { openStateStore } from '../state/open.ts';",
        "import { applyOnce } from '../engine/apply-once.ts';",
        "import { planText } from '../report/plan-report.ts';",
        '',
      ].join('\n'),
    ],
  ]);
  assert.equal(checkArchitecture(tree).map(describeViolation).sort(), [
    'cli-reach cli/main.ts:1 → apply/run-plan.ts',
    'cli-reach cli/main.ts:2 → plan/maintenance/maintenance-plan.ts',
    'cli-reach cli/main.ts:3 → state/folder/index.ts',
    'cli-reach cli/main.ts:4 → state/postgres/postgres-store.ts',
    'cli-reach cli/main.ts:5 → drivers/haproxy/index.ts',
  ]);
});

test('self-test: a tree that keeps the rules passes', () => {
  const good = new Map([
    ['model.ts', "import type { E } from './errors.ts';\n"],
    ['errors.ts', 'export type E = string;\n'],
    [
      'plan/a.ts',
      "import type { M } from '../model.ts';\nimport type { R } from '../report/r.ts';\n",
    ],
    ['plan/health.ts', 'export const healthy = true;\n'],
    ['status/c.ts', "import { healthy } from '../plan/health.ts';\n"],
    ['report/r.ts', "import { c } from '../status/c.ts';\nconst at = new Date(0);\n"],
    ['state/s.ts', "import type { C } from '../status/c.ts';\nimport { x } from 'node:fs';\n"],
    ['cli/main.ts', "import { s } from '../state/s.ts';\nconst env = process.env;\n"],
  ]);
  assert.equal(checkArchitecture(good).map(describeViolation), []);
});

test.run();
