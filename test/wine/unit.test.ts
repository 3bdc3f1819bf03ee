// The unit tests that need no Linux-only tool, run by Windows' node.exe under Wine. tsx cannot run there
// (esbuild.exe is a Go program that needs bcryptprimitives.dll, which Wine 8 lacks), so each test file is
// bundled to JavaScript here first, with its packages left to node_modules.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { requireWine, runNodeExe, winPath } from '../helpers/harnesses/wine.ts';

/**
 * What runs on Windows: loading (paths, encodings), planning, status, reports, hooks, the folder store
 * (lock with link(), audit queries, JSON files). Left out, each for a reason: test/state/folder/lock-race.test.ts
 * (forks tsx children), test/state/folder/audit.test.ts (ENOSPC from Linux's /dev/full), everything that starts pwsh, sshd, haproxy, PostgreSQL, chromium or git, and the
 * CLI process tests (test/wine/cli.test.ts runs the CLI under Wine instead).
 */
const suites = [
  'test/load',
  'test/plan',
  'test/status',
  'test/report',
  'test/apply',
  'test/state/folder/audit-query.test.ts',
  'test/state/folder/json-file.test.ts',
  'test/state/folder/lock.test.ts',
  'test/duration.test.ts',
  'test/atomic-file.test.ts',
  'test/fs-error.test.ts',
];

function testFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .flatMap((name) => testFiles(join(path, name)))
    .filter((file) => file.endsWith('.test.ts'));
}

test.before(() => requireWine());

test('the unit tests pass on Windows (node.exe under Wine)', async () => {
  const out = join('node_modules', '.cache', 'quiesce-wine-tests');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files = suites.flatMap(testFiles);
  assert.ok(files.length > 40, `only ${files.length} test files found`);
  await build({
    entryPoints: files,
    outdir: out,
    outbase: '.',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  const run = await runNodeExe(
    [winPath('node_modules/uvu/bin.js'), winPath(out), '\\.test\\.mjs$'],
    { timeoutMs: 240_000 },
  );
  const count = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(run.stdout)?.[1]);
  const log = join(out, 'output.txt');
  writeFileSync(log, run.stdout + run.stderr);
  // Every failure with its first lines, then the end of the output (uvu's counts).
  const failures = run.stdout
    .split(/\r?\n(?=\s*FAIL )/)
    .slice(1)
    .map((block) => block.split(/\r?\n/).slice(0, 12).join('\n'));
  const summary = `(whole output: ${log})\n${failures.join('\n')}\n${run.stdout.slice(-600)}${run.stderr.slice(-1000)}`;
  // Nothing is skipped under Wine: where Wine differs, the test checks Wine's difference (the symlink loop).
  assert.is(count('Skipped'), 0, summary);
  assert.is(count('Passed'), count('Total'), summary);
  assert.is(run.code, 0, summary);
});

test.run();
