// --concurrency is checked once for apply and watch: a whole number from 1 to 1024, else exit 64.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

for (const command of ['apply', 'watch'])
  test(`${command}: --concurrency outside 1..1024 is a usage error that changes nothing`, async () => {
    const tree = tempTree({ 'p.yaml': poolYaml('p') });
    const state = tempTree();
    for (const value of ['0', '1025', '2.5', 'many']) {
      const out = await runCli([command, tree, '--state-dir', state, '--concurrency', value]);
      assert.is(out.code, 64, `${command} --concurrency ${value}`);
      assert.match(
        out.stderr,
        `--concurrency must be a whole number from 1 to 1024 (got '${value}')`,
      );
      assert.is(out.stdout, '');
    }
  });

test.run();
