import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('validate on the example fleet exits 0 and summarises it', async () => {
  const { code, stdout } = await runCli(['validate']);
  assert.is(code, 0);
  assert.match(stdout, /✓ valid: 3 pools, 10 servers \(2 draining\) in 3 files/);
});

test('validate on a bad tree exits 1 with file:line:col, message and hint', async () => {
  const dir = tempTree({ 'a.yaml': poolYaml('a', 'fe01.x: drainig') });
  const { code, stdout } = await runCli(['validate', dir]);
  assert.is(code, 1);
  assert.ok(stdout.includes(`${dir}/a.yaml:11:13 error \`drainig\` is not a valid value`));
  assert.match(stdout, /hint: did you mean `draining`\?/);
  assert.match(stdout, /✗ 1 problem in 1 file; nothing was applied/);
});

test('validate takes several paths', async () => {
  const a = tempTree({ 'a.yaml': poolYaml('a', 'a1.x: active') });
  const b = tempTree({ 'b.yaml': poolYaml('b', 'a1.x: active') });
  const { code, stdout } = await runCli(['validate', a, b]);
  assert.is(code, 1);
  assert.match(stdout, /already in pool `a`/);
});

test('--format json is one parseable document', async () => {
  const dir = tempTree({ 'a.yaml': poolYaml('a', 'fe01.x: drainig') });
  const { code, stdout } = await runCli(['validate', dir, '--format', 'json']);
  assert.is(code, 1);
  const body = JSON.parse(stdout);
  assert.is(body.formatVersion, 1);
  assert.is(body.valid, false);
  assert.equal(
    { ...body.issues[0], file: undefined },
    {
      code: 'schema',
      file: undefined,
      line: 11,
      column: 13,
      message: body.issues[0].message,
      hint: 'did you mean `draining`?',
    },
  );
  const good = JSON.parse((await runCli(['validate', '--format', 'json'])).stdout);
  assert.equal(good.summary, { files: 3, pools: 3, servers: 10 });
});

test('--format github prints workflow annotations, escaped', async () => {
  const dir = tempTree({ 'a,b.yaml': poolYaml('a', 'fe01.x: drainig') });
  const { code, stdout } = await runCli(['validate', dir, '--format', 'github']);
  assert.is(code, 1);
  assert.match(
    stdout,
    /^::error file=.*a%2Cb\.yaml,line=11,col=13,title=quiesce schema::`drainig` is not a valid value/,
  );
});

test('text output has no colour unless on a TTY without NO_COLOR', async () => {
  const { stdout } = await runCli(['validate']);
  assert.not.ok(stdout.includes('\u001b['));
});

test('usage errors exit 64 and say where to look', async () => {
  for (const argv of [
    ['validate', '--format', 'xml'],
    ['validate', '--bogus'],
    ['frobnicate'],
    [],
  ]) {
    const { code, stderr, stdout } = await runCli(argv);
    assert.is(code, 64, argv.join(' '));
    if (argv.length > 0) assert.match(stderr, /See 'quiesce( validate)? --help'/);
    else assert.match(stdout, /Usage: quiesce/);
  }
});

test('--help and --version on the CLI and on the command', async () => {
  assert.match((await runCli(['--help'])).stdout, /Commands:/);
  assert.match((await runCli(['validate', '--help'])).stdout, /--format text\|json\|github/);
  assert.match(
    (await runCli(['--version'])).stdout,
    /^quiesce \d+\.\d+\.\d+( \(commit [0-9a-f]+\))?\n$/,
  );
  assert.match(
    (await runCli(['validate', '--version'])).stdout,
    /^quiesce \d+\.\d+\.\d+( \(commit [0-9a-f]+\))?\n$/,
  );
});

test('the real entry point: bin/quiesce.js validates and sets the exit code', () => {
  const out = execFileSync(process.execPath, ['bin/quiesce.js', 'validate'], { encoding: 'utf8' });
  assert.match(out, /valid/);
  const dir = tempTree({ 'a.yaml': 'kind: [' });
  const bad = spawnSync(process.execPath, ['bin/quiesce.js', 'validate', dir], {
    encoding: 'utf8',
  });
  assert.is(bad.status, 1);
  assert.match(bad.stdout, /YAML syntax/);
});

test('control characters from YAML are escaped in text, json and github output', async () => {
  const dir = tempTree({
    'a.yaml': poolYaml('a', '"fe\\e[2J\\u202e01.x": active').replace(
      'kind: Pool',
      'kind: Pool\n"ev\\x1b]0;pwned\\x07il\\r\\n": 1',
    ),
  });
  const raw = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
  const text = await runCli(['validate', dir]);
  assert.is(text.code, 1);
  for (const line of text.stdout.split('\n')) assert.not.match(line, raw);
  assert.ok(text.stdout.includes('unknown field `ev\\x1b]0;pwned\\x07il\\r\\n` in the document'));
  const json = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout);
  for (const issue of json.issues) assert.not.match(`${issue.message}${issue.hint}`, raw);
  assert.ok(
    json.issues.some((i: { message: string }) => i.message.includes('fe\\x1b[2J\\u202e01.x')),
  );
  const github = (await runCli(['validate', dir, '--format', 'github'])).stdout;
  for (const line of github.trimEnd().split('\n')) assert.not.match(line, raw);
  assert.is(github.trimEnd().split('\n').length, 2);
});

test('more than 100 problems: the first 100, then one line that counts the rest', async () => {
  const servers = Array.from({ length: 150 }, (_, i) => `s${i}.x: x`).join('\n    ');
  const dir = tempTree({ 'a.yaml': poolYaml('a', servers) });
  const text = await runCli(['validate', dir]);
  assert.is(text.code, 1);
  assert.ok(
    text.stdout.includes(`${dir}/a.yaml:111:13 error 50 more problems not shown (150 in all)`),
  );
  assert.match(text.stdout, /✗ 150 problems in 1 file; nothing was applied\n$/);
  const json = JSON.parse((await runCli(['validate', dir, '--format', 'json'])).stdout);
  assert.is(json.issues.length, 101);
  assert.equal(json.issues[100].code, 'too-many');
  assert.is(json.issues[100].omitted, 50);
  assert.is(json.summary.issues, 150);
});

test.run();
