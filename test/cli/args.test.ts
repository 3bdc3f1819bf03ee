import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyOptions } from '../../reconciler/cli/apply.ts';
import { commonOptions, parseCommandArgs } from '../../reconciler/cli/args.ts';
import { historyOptions } from '../../reconciler/cli/history.ts';
import { planOptions } from '../../reconciler/cli/plan.ts';
import { serveOptions } from '../../reconciler/cli/serve.ts';
import { statusOptions } from '../../reconciler/cli/status.ts';
import { unlockOptions } from '../../reconciler/cli/unlock.ts';
import { validateOptions } from '../../reconciler/cli/validate.ts';
import { watchOptions } from '../../reconciler/cli/watch.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('an unknown option gets "did you mean"', async () => {
  const out = await runCli(['plan', '--outptu', 'json']);
  assert.is(out.code, 64);
  assert.match(out.stderr, /unknown option '--outptu'; did you mean `--output`\?/);
  assert.match(out.stderr, /See 'quiesce plan --help'/);
});

test('a mistyped command gets "did you mean"; an option of another command gets no far-fetched one', async () => {
  const aply = await runCli(['aply']);
  assert.is(aply.code, 64);
  assert.match(
    aply.stderr,
    /^quiesce: unknown command 'aply'; did you mean `apply`\? \(commands: /,
  );
  const wait = await runCli(['status', '--wait']);
  assert.is(wait.code, 64);
  assert.match(wait.stderr, /^quiesce status: unknown option '--wait'\n/);
  const wiat = await runCli(['apply', '--wiat']);
  assert.match(wiat.stderr, /unknown option '--wiat'; did you mean `--wait`\?/);
  assert.not.match((await runCli(['zzzzzz'])).stderr, /did you mean/);
});

test('-o is --output', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p') });
  const out = await runCli(['plan', tree, '--state-dir', tempTree({}), '-o', 'json']);
  assert.is(out.code, 0, out.stderr);
  assert.is(JSON.parse(out.stdout).formatVersion, 1);
});

test('a missing option value gets a clear message, never "argument is ambiguous"', async () => {
  for (const argv of [
    ['apply', '--output', '--wait'],
    ['plan', '--output'],
    ['status', '-o'],
  ]) {
    const out = await runCli(argv);
    assert.is(out.code, 64, argv.join(' '));
    assert.match(out.stderr, /--output needs a value/, argv.join(' '));
    assert.not.match(out.stderr, /ambiguous|<value>/);
  }
  const flag = await runCli(['apply', '--wait=yes']);
  assert.is(flag.code, 64);
  assert.match(flag.stderr, /--wait takes no value/);
});

test('--timeout without --wait is a usage error', async () => {
  const out = await runCli(['apply', '--timeout', '5m']);
  assert.is(out.code, 64);
  assert.match(out.stderr, /--timeout only applies with --wait/);
});

test('every command --help lists every option it takes', async () => {
  const tables = {
    validate: validateOptions,
    plan: planOptions,
    apply: applyOptions,
    status: statusOptions,
    watch: watchOptions,
    serve: serveOptions,
    history: historyOptions,
    unlock: unlockOptions,
  };
  for (const [command, table] of Object.entries(tables)) {
    const out = await runCli([command, '--help']);
    assert.is(out.code, 0);
    const options = out.stdout.slice(out.stdout.indexOf('\nOptions:\n'));
    assert.ok(options.length > 10, `${command} --help has an Options section`);
    for (const [name, spec] of Object.entries({ ...commonOptions, ...table })) {
      assert.ok(options.includes(`--${name}`), `${command} --help lists --${name}`);
      if ('short' in spec && spec.short !== undefined)
        assert.ok(options.includes(`-${spec.short}, --${name}`), `${command} -${spec.short}`);
    }
  }
});

test("the tables' defaults are for help only: the parser leaves an absent option undefined", () => {
  const parsed = parseCommandArgs([], { ...applyOptions, ...watchOptions, ...serveOptions });
  assert.ok(parsed.isOk());
  assert.equal({ ...parsed.value.values }, {});
  const given = parseCommandArgs(['--timeout', '5m', '-o', 'json', 'p'], applyOptions);
  assert.equal({ ...given._unsafeUnwrap().values }, { timeout: '5m', output: 'json' });
});

test.run();
