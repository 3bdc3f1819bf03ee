// README's `## Commands` block is the synopsis `quiesce --help` prints, line for line, and each command's
// --help begins with its own lines of it: the README cannot drift from the CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { commands } from '../../reconciler/cli/main.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

/** The lines of the first fenced code block under `## Commands` in README.md. */
function readmeSynopsis(): string[] {
  const lines = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8').split(
    '\n',
  );
  const heading = lines.indexOf('## Commands');
  assert.ok(heading >= 0, 'README.md has a section "## Commands"');
  const rest = lines.slice(heading + 1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  const section = end < 0 ? rest : rest.slice(0, end);
  const open = section.findIndex((line) => line.startsWith('```'));
  assert.ok(open >= 0, '"## Commands" has a fenced code block');
  const close = section.findIndex((line, i) => i > open && line.startsWith('```'));
  assert.ok(close > open, 'the code block is closed');
  return section.slice(open + 1, close);
}

/**
 * The usage lines of a help section, unwrapped: from the line after `heading` (or the heading's own line,
 * after it) to the first blank line; a line starting with `quiesce ` begins a usage, others continue it.
 */
function usageSection(help: string, heading: string): string[] {
  const lines = help.split('\n');
  const at = lines.findIndex((line) => line.startsWith(heading));
  assert.ok(at >= 0, `help has "${heading}"`);
  const first = lines[at]!.slice(heading.length).trim();
  const body = [...(first === '' ? [] : [first])];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '') break;
    body.push(line);
  }
  const usages: string[] = [];
  for (const line of body.map((l) => l.trim())) {
    if (line.startsWith('quiesce ') || usages.length === 0) usages.push(line);
    else usages[usages.length - 1] += ` ${line}`;
  }
  return usages;
}

test("README's ## Commands block is quiesce --help's synopsis, line for line", async () => {
  const out = await runCli(['--help']);
  assert.is(out.code, 0);
  const synopsis = usageSection(out.stdout, 'Synopsis:');
  assert.equal(
    readmeSynopsis(),
    synopsis,
    "README.md's ## Commands block must hold quiesce --help's Synopsis, one unwrapped line each",
  );
});

test("each command's --help shows its usage as quiesce --help's synopsis does, in the list's order", async () => {
  // The synopsis pads command names to line up; a command's own usage does not.
  const synopsis = usageSection((await runCli(['--help'])).stdout, 'Synopsis:').map((line) =>
    line.replace(/ +/g, ' '),
  );
  const fromCommands: string[] = [];
  for (const command of commands) {
    const out = await runCli([command.name, '--help']);
    assert.is(out.code, 0);
    const usage = usageSection(out.stdout, 'Usage:');
    assert.ok(usage.length > 0, `${command.name} --help has a usage line`);
    for (const line of usage) assert.ok(line.startsWith(`quiesce ${command.name}`), line);
    fromCommands.push(...usage);
  }
  assert.equal(fromCommands, synopsis);
});

test.run();
