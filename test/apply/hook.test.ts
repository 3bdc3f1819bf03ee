import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hookArgv, runHook } from '../../reconciler/apply/hook.ts';
import { isOurHook, killTree } from '../../reconciler/apply/process-tree.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const node = process.execPath;
const request = (script: string, extra: string[] = [], timeoutMs = 10_000) => ({
  argv: [node, '-e', script, ...extra],
  timeoutMs,
  pool: 'fe-east',
  server: 'fe01.contoso.com',
  maintenanceId: 'CHG0042',
  revision: 'main@sha1:abc',
});
// Windows needs SystemRoot (and finds cmd.exe through ComSpec) in a child's environment.
const env = {
  PATH: process.env.PATH,
  KEEP: 'inherited',
  SystemRoot: process.env.SystemRoot,
  ComSpec: process.env.ComSpec,
};
const ours = (server: string, maintenanceId: string, argv = request('').argv) => ({
  server,
  maintenanceId,
  argv: hookArgv(argv, server),
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('{server} is replaced in every argument', () => {
  assert.equal(hookArgv(['/x', '{server}', '--host={server}:{server}', 'y'], 's1'), [
    '/x',
    's1',
    '--host=s1:s1',
    'y',
  ]);
});

test('a hook that exits 0: QUIESCE_* and the inherited environment, argv without a shell, the output tail', async () => {
  const script = `const e = process.env;
    console.log([e.QUIESCE_POOL, e.QUIESCE_SERVER, e.QUIESCE_MAINTENANCE_ID, e.QUIESCE_REVISION, e.KEEP].join(' '));
    console.log(JSON.stringify(process.argv.slice(1)));`;
  let spawned = 0;
  const result = await runHook(request(script, ['{server}', '$(touch x); `id` *']), {
    env,
    onSpawn: (pid) => {
      spawned = pid;
    },
  });
  assert.ok(result.isOk(), JSON.stringify(result));
  const { tail, exitCode } = result._unsafeUnwrap();
  assert.not.ok(
    await isOurHook(spawned, ours('fe01.contoso.com', 'CHG0042')),
    'a hook that has ended is not ours to kill',
  );
  assert.is(exitCode, 0);
  assert.ok(spawned > 0);
  assert.equal(tail, [
    'fe-east fe01.contoso.com CHG0042 main@sha1:abc inherited',
    JSON.stringify(['fe01.contoso.com', '$(touch x); `id` *']),
  ]);
});

test('a failing hook: its exit code and the last lines of stdout and stderr together', async () => {
  const result = await runHook(
    request(
      // stdout and stderr are two pipes: the pause keeps their order certain (under Wine it is not without).
      'for (let i = 1; i <= 100; i++) console.log("line " + i); setTimeout(() => { console.error("patch failed: KB5031356"); process.exit(3) }, 300)',
    ),
    { env, maxLines: 5 },
  );
  assert.ok(result.isErr());
  const failure = result._unsafeUnwrapErr();
  assert.is(failure.kind, 'Exit');
  assert.is(failure.exitCode, 3);
  assert.is(failure.message, 'hook exited with code 3');
  assert.is(failure.tail.length, 5);
  assert.ok(failure.tail.includes('patch failed: KB5031356'));
  assert.ok(failure.tail.includes('line 100'));
});

test('output is bounded in bytes as well as lines', async () => {
  const result = await runHook(
    request(
      'const big = "x".repeat(1000); for (let i = 0; i < 2000; i++) console.log(i + " " + big)',
    ),
    { env, maxBytes: 4096, maxLines: 100 },
  );
  const { tail } = result._unsafeUnwrap();
  assert.ok(tail.join('\n').length <= 4096);
  assert.ok(tail[tail.length - 1]!.startsWith('1999 '));
});

test('past its timeout the hook and everything it started are killed', async () => {
  const dir = tempTree();
  const pidFile = join(dir, 'grandchild.pid');
  const script = `const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
    process.on('SIGTERM', () => {});
    console.log('patching');
    setInterval(() => {}, 1000);`;
  const started = Date.now();
  const result = await runHook(request(script, [], 700), { env, graceMs: 300 });
  const failure = result._unsafeUnwrapErr();
  assert.is(failure.kind, 'Timeout');
  assert.match(failure.message, /longer than its timeout \(700ms\)/);
  assert.equal(failure.tail, ['patching']);
  assert.ok(Date.now() - started < 5_000);
  assert.ok(existsSync(pidFile));
  const grandchild = Number(readFileSync(pidFile, 'utf8'));
  await new Promise((r) => setTimeout(r, 200));
  assert.not.ok(alive(grandchild), 'the grandchild outlived the timeout');
});

test('a running hook is recognised (Linux: by its environment; Windows: by its command line); another process is not', async () => {
  let pid = 0;
  const script = 'setTimeout(() => {}, 3000)';
  const running = runHook(request(script), {
    env,
    onSpawn: (p) => {
      pid = p;
    },
    graceMs: 100,
  });
  await new Promise((r) => setTimeout(r, 500));
  const argv = request(script).argv;
  if (process.env.QUIESCE_UNDER_WINE === '1') {
    // Wine 8's wmic leaves CommandLine empty for every other process (Windows fills it in): a hook cannot
    // be told apart there, so it is never taken for ours and never signalled.
    assert.not.ok(await isOurHook(pid, ours('fe01.contoso.com', 'CHG0042', argv)));
    await killTree(pid, 'SIGKILL');
    await running;
    return;
  }
  assert.ok(await isOurHook(pid, ours('fe01.contoso.com', 'CHG0042', argv)));
  if (process.platform === 'win32') {
    assert.not.ok(await isOurHook(pid, ours('fe01.contoso.com', 'CHG0042', [...argv, 'other'])));
  } else {
    // Only Linux can read another process's environment: Windows tells a hook by its command line alone.
    assert.not.ok(await isOurHook(pid, ours('fe02.contoso.com', 'CHG0042', argv)));
    assert.not.ok(await isOurHook(pid, ours('fe01.contoso.com', 'CHG0043', argv)));
  }
  assert.not.ok(await isOurHook(process.pid, ours('fe01.contoso.com', 'CHG0042', argv)));
  await killTree(pid, 'SIGKILL');
  await running;
});

test('an abort stops the hook like a timeout', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const result = await runHook(request('setInterval(() => {}, 1000)'), {
    env,
    signal: controller.signal,
    graceMs: 200,
  });
  assert.is(result._unsafeUnwrapErr().kind, 'Aborted');
});

test('a program that does not exist is a failure that says so', async () => {
  const result = await runHook(
    { ...request(''), argv: ['/nonexistent/patch.sh', '{server}'] },
    { env },
  );
  const failure = result._unsafeUnwrapErr();
  assert.is(failure.kind, 'Spawn');
  assert.is(failure.message, 'could not start /nonexistent/patch.sh: no such program');
});

test('a hook killed by a signal is a failure', async () => {
  const result = await runHook(request('process.kill(process.pid, "SIGKILL")'), { env });
  const failure = result._unsafeUnwrapErr();
  if (process.platform === 'win32') {
    // Windows has no signals: Node.js ends the process with TerminateProcess, exit code 1.
    assert.is(failure.kind, 'Exit');
    assert.is(failure.message, 'hook exited with code 1');
    return;
  }
  assert.is(failure.kind, 'Signal');
  assert.is(failure.message, 'hook was killed by SIGKILL');
});

test.run();
