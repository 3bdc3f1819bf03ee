// history on a state folder that is not there: a mistyped --state-dir is an error (exit 1), never "no records".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('history --state-dir <missing folder>: one line naming the folder, exit 1, nothing created', async () => {
  const missing = join(tempTree({}), 'typo');
  const run = await runCli(['history', '--state-dir', missing], {});
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  assert.match(
    run.stderr,
    new RegExp(`no state folder at ${missing}: nothing was ever recorded there`),
  );
  assert.not.ok(existsSync(missing));
});

test('history on an empty state folder that exists: no records, exit 0', async () => {
  const run = await runCli(['history', '--state-dir', tempTree({})], {});
  assert.is(run.code, 0);
  assert.is(run.stdout, 'No audit records match.\n');
});

test.run();
