// The --retry-hook command printed for a failed hook works as printed: run from another folder, with the PATH
// and state flags of the failing run, it clears the hook and finishes the round.
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allBack, round } from '../helpers/builders/maintenance-pool.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

/** The words of a printed command as a POSIX shell reads them (plain words and '…' quoting). */
const words = (line: string) =>
  [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : (m[2] as string),
  );

test('the retry command in the failure, with a folder name that needs quoting, works as printed from elsewhere', async () => {
  const r = round({ servers: 2, hookMs: 20 });
  const state = join(tempTree({}), "night's state");
  cpSync(r.state, state, { recursive: true });
  const failed = await runCli(
    ['apply', '--wait', '--timeout', '1m', '--state-dir', state, r.tree],
    {
      ...r.env,
      HOOK_STATE_DIR: state,
      HOOK_FAIL: 'fe01.x',
    },
  );
  assert.is(failed.code, 1, failed.stdout);
  const printed = /Fix the cause, then run (quiesce apply --retry-hook .*)$/m.exec(
    failed.stdout,
  )?.[1];
  assert.ok(printed !== undefined, failed.stdout);
  assert.match(printed ?? '', /--state-dir '.*night'\\''s state/);
  assert.ok(printed?.includes(resolve(r.tree)), printed);
  assert.not.match(printed ?? '', /stop quiesce watch/);
  const argv = words(printed ?? '');
  assert.is(argv[0], 'quiesce');
  // Run exactly those words (no shell), from another folder.
  const run = spawnSync(process.execPath, [resolve('bin/quiesce.js'), ...argv.slice(1)], {
    cwd: tempTree({}),
    env: { ...r.env, HOOK_STATE_DIR: state },
    encoding: 'utf8',
  });
  assert.is(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /maintenance p CHG0042: done, 2 of 2 done/);
  assert.ok(allBack(state));
});

test.run();
