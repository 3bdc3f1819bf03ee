// Usage lines and --help pages generated from the commands' descriptors: nesting and alternatives,
// defaults, 80 columns, every option of every table shown, and the drift the hand-written help had.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Command } from '../../reconciler/cli/command.ts';
import { commandHelp, mainHelp } from '../../reconciler/cli/help.ts';
import { wrapWords } from '../../reconciler/cli/help-layout.ts';
import { commands } from '../../reconciler/cli/main.ts';
import { usageLines, wrappedUsage } from '../../reconciler/cli/usage.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

/** A made-up command with one option of each usage kind. */
const sample: Command = {
  name: 'sample',
  summary: 'a command for the tests',
  positionals: [
    { name: 'PATH', help: 'where', default: './here', optional: true, or: 'git' },
    { name: 'EXTRA', help: 'more', optional: true, repeats: true },
  ],
  options: {
    git: { type: 'string', value: 'URL', help: 'from git' },
    ref: { type: 'string', value: 'REF', help: 'which ref', default: 'main', under: 'git' },
    wait: { type: 'boolean', help: 'wait' },
    timeout: { type: 'string', value: 'DURATION', help: 'how long', under: 'wait' },
    id: { type: 'string', value: 'ID', help: 'which one', required: true },
    output: { type: 'string', short: 'o', choices: ['text', 'json'], help: 'format' },
    'state-dir': { type: 'string', value: 'DIR', help: 'folder' },
    state: { type: 'string', value: 'URL', help: 'database', or: 'state-dir' },
    again: { type: 'boolean', value: 'A B', help: 'once more', ownLine: true },
  },
  about: 'Does\nnothing.\n\nTwice.',
  exitCodes: [[0, 'ok']],
  run: async () => 0,
};

test('usage nests, offers alternatives, leaves required options bare and gives an own-line option its line', () => {
  assert.equal(usageLines(sample), [
    'quiesce sample [PATH | --git URL [--ref REF]] [EXTRA...] [--wait [--timeout DURATION]] --id ID [-o|--output text|json] [--state-dir DIR | --state URL]',
    'quiesce sample --again A B [PATH] [EXTRA...] [options]',
  ]);
});

test('wrapped usage never splits a part, and continues past `quiesce <command> `', () => {
  const wrapped = wrappedUsage(sample, 'Usage: ').trimEnd().split('\n');
  assert.is(wrapped[0], 'Usage: quiesce sample [PATH | --git URL [--ref REF]] [EXTRA...]');
  assert.is(wrapped[1], '                      [--wait [--timeout DURATION]] --id ID');
  assert.is(wrapped.at(-1), '       quiesce sample --again A B [PATH] [EXTRA...] [options]');
  for (const line of wrapped) assert.ok(line.length <= 80, line);
});

test('a command page: usage, the paragraphs re-wrapped, every option with its default, exit codes with 64', () => {
  const page = commandHelp(sample);
  assert.match(page, /\n\nDoes nothing\.\n\nTwice\.\n\nOptions:\n/);
  assert.match(page, /\n {2}PATH +where \(default \.\/here\)\n/);
  assert.match(page, /\n {2}--ref REF +which ref \(default main\)\n/);
  assert.match(page, /\n {2}-o, --output text\|json +format\n/);
  assert.match(page, /\n {2}--again A B +once more\n/);
  assert.match(page, /\n {2}-h, --help +show this help\n {2}-V, --version +show the version\n/);
  assert.ok(page.endsWith('\nExit codes: 0 ok, 64 usage error.\n'), page);
});

test('wrapping: at most the width, a longer word alone, runs of spaces are one', () => {
  assert.equal(wrapWords('a  bb ccc\ndddd eeeeeeeeeeee f', 6), [
    'a bb',
    'ccc',
    'dddd',
    'eeeeeeeeeeee',
    'f',
  ]);
});

test('every help page fits 80 columns', async () => {
  const pages = [mainHelp(commands), ...commands.map(commandHelp)];
  for (const page of pages)
    for (const line of page.split('\n')) assert.ok(line.length <= 80, `${line.length}: ${line}`);
});

test("every option of every command's table is in its usage line and its Options section", () => {
  for (const command of commands) {
    const usage = usageLines(command).join('\n');
    const page = commandHelp(command);
    const options = page.slice(page.indexOf('\nOptions:\n'));
    for (const [name, spec] of Object.entries(command.options)) {
      assert.ok(usage.includes(`--${name}`), `${command.name} usage names --${name}`);
      assert.ok(options.includes(`--${name}`), `${command.name} --help lists --${name}`);
      const first = spec.help.split(' ').slice(0, 3).join(' ');
      assert.ok(options.includes(first), `${command.name} --help says what --${name} does`);
    }
    for (const positional of command.positionals)
      assert.ok(
        options.includes(`\n  ${positional.name}`),
        `${command.name} lists ${positional.name}`,
      );
  }
});

test('the usage lines the hand-written help had wrong now show every option (status, watch)', async () => {
  for (const name of ['status', 'watch', 'plan', 'apply', 'history', 'unlock', 'serve']) {
    const out = await runCli([name, '--help']);
    assert.is(out.code, 0);
    const usage = out.stdout.slice(0, out.stdout.indexOf('\n\n'));
    assert.match(usage, /\[--state-dir DIR \| --state URL\]/, name);
  }
  const watch = (await runCli(['watch', '--help'])).stdout;
  assert.match(watch.slice(0, watch.indexOf('\n\n')), /\[--listen ADDR\]/);
});

test('quiesce --help lists every command in the list, in its order, with its summary', async () => {
  const out = await runCli(['--help']);
  assert.is(out.code, 0);
  const list = out.stdout.slice(out.stdout.indexOf('Commands:\n'), out.stdout.indexOf('Synopsis:'));
  let at = 0;
  for (const command of commands) {
    const found = list.indexOf(`  ${command.name} `, at);
    assert.ok(found > at, `${command.name} listed after the one before`);
    assert.ok(list.includes(command.summary.split(' ').slice(0, 4).join(' ')), command.summary);
    at = found;
  }
  const bare = await runCli([]);
  assert.is(bare.code, 64);
  assert.is(bare.stdout, out.stdout);
});

test.run();
