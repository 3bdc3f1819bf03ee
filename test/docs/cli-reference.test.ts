// docs/cli.md cannot drift from the CLI: its synopsis is README's (checked against --help) and each
// command's option table is the one --help is generated from. `node --import tsx test/docs/cli-reference.test.ts --write` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { commands } from '../../reconciler/cli/main.ts';
import { optionTable, withTables } from './cli-reference.ts';

const root = join(import.meta.dirname, '..', '..');
const cliDoc = join(root, 'docs', 'cli.md');

/** The first fenced code block after `heading` in `text` (or at the top when heading is null). */
function firstBlock(text: string, heading: string | null): string {
  const from = heading === null ? 0 : text.indexOf(`\n${heading}\n`);
  const open = text.indexOf('\n```\n', from);
  const close = text.indexOf('\n```\n', open + 4);
  return text.slice(open + 5, close);
}

/** docs/cli.md with its synopsis block taken from README.md. */
function withSynopsis(doc: string, readme: string): string {
  const current = firstBlock(doc, null);
  return doc.replace(current, firstBlock(readme, '## Commands'));
}

if (process.argv.includes('--write')) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  writeFileSync(cliDoc, withTables(withSynopsis(readFileSync(cliDoc, 'utf8'), readme)));
}

test("docs/cli.md's synopsis is README's Commands block", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(firstBlock(readFileSync(cliDoc, 'utf8'), null), firstBlock(readme, '## Commands'));
});

test('every command has a section in docs/cli.md whose option table is the one --help shows', () => {
  const doc = readFileSync(cliDoc, 'utf8');
  for (const { name } of commands) {
    assert.ok(doc.includes(`\n## \`quiesce ${name}\`\n`), `docs/cli.md has a section for ${name}`);
    assert.ok(doc.includes(optionTable(name)), `docs/cli.md's table for ${name} is --help's`);
  }
  assert.equal(withTables(doc), doc);
});

test.run();
