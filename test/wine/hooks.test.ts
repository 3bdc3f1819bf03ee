// Hooks on Windows: node.exe under Wine runs the built runHook (dist/) on a .cmd hook, and kills a hook's
// whole tree at its timeout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import {
  nodeExe,
  requireWine,
  runNodeExe,
  wineProcessesWith,
  winPath,
} from '../helpers/harnesses/wine.ts';

/** Runs runHook under node.exe with this request; prints its Result as JSON. */
async function hookUnderWine(dir: string, argv: string[], timeoutMs: number) {
  const hookModule = `file:///${winPath('dist/apply/hook.js').replaceAll('\\', '/')}`;
  const script = join(dir, 'run-hook.mjs');
  writeFileSync(
    script,
    `import { runHook } from ${JSON.stringify(hookModule)};
const result = await runHook(
  { argv: ${JSON.stringify(argv)}, timeoutMs: ${timeoutMs}, pool: 'fe-east', server: 'fe01.contoso.com',
    maintenanceId: 'CHG0042', revision: null },
  { env: process.env },
);
console.log(JSON.stringify(result.isOk() ? { ok: true, ...result.value } : { ok: false, ...result.error }));
`,
  );
  const run = await runNodeExe([winPath(script)], { timeoutMs: 60_000 });
  assert.is(run.code, 0, run.stdout + run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
}

test.before(() => requireWine());

test('a .cmd hook runs through cmd.exe with QUIESCE_* and its arguments quoted', async () => {
  const dir = tempTree({
    'patch fe.cmd':
      '@echo off\r\necho server=%QUIESCE_SERVER% id=%QUIESCE_MAINTENANCE_ID% arg=%1\r\nexit /b 3\r\n',
  });
  const result = await hookUnderWine(
    dir,
    [winPath(join(dir, 'patch fe.cmd')), 'a & b {server}'],
    30_000,
  );
  assert.is(result.ok, false, JSON.stringify(result));
  assert.is(result.kind, 'Exit');
  assert.is(result.exitCode, 3);
  assert.equal(result.tail, ['server=fe01.contoso.com id=CHG0042 arg="a & b fe01.contoso.com"']);
});

test('a hook past its timeout is killed with everything it started: no process is left', async () => {
  const marker = `quiesce-wine-hook-${process.pid}-${Date.now()}`;
  // The hook (cmd.exe) starts a node.exe that would run for a minute: both must go at the timeout.
  const dir = tempTree({
    'slow.cmd': `@echo off\r\necho patching\r\n"${winPath(nodeExe)}" -e "setInterval(() => {}, 1000)" ${marker}\r\n`,
  });
  const started = Date.now();
  const result = await hookUnderWine(dir, [winPath(join(dir, 'slow.cmd'))], 3_000);
  assert.is(result.kind, 'Timeout', JSON.stringify(result));
  assert.match(result.message, /longer than its timeout \(3s\)/);
  assert.ok(Date.now() - started < 30_000);
  // Wine shows each Windows process to Linux with its Windows command line: none with the marker is left.
  // (Wine 8's taskkill has no /T, so this checks the fallback that walks wmic's process list; on Windows
  // taskkill /T /F ends the tree itself.)
  let left = wineProcessesWith(marker);
  for (let i = 0; i < 20 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 250));
    left = wineProcessesWith(marker);
  }
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.equal(left, [], 'a process the hook started outlived its timeout');
});

test.run();
