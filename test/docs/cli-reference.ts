// docs/cli.md's generated part: each command's option table, from the CLI's descriptors.
import { optionRows } from '../../reconciler/cli/help.ts';
import { commands } from '../../reconciler/cli/main.ts';

/** A Markdown table cell: pipes escaped. */
const cell = (text: string) => text.replaceAll('|', '\\|');

/** The option table of `name` as docs/cli.md shows it. */
export function optionTable(name: string): string {
  const command = commands.find((c) => c.name === name);
  if (command === undefined) throw new Error(`no command ${name}`);
  const rows = optionRows(command).filter(([option]) => !/^-[hV],/.test(option));
  return [
    '| option | meaning |',
    '|---|---|',
    ...rows.map(([option, meaning]) => `| \`${cell(option)}\` | ${cell(meaning)} |`),
  ].join('\n');
}

/** `text` with the table that follows the heading `## \`quiesce NAME\`` replaced by the generated one. */
export function withTables(text: string): string {
  let out = text;
  for (const { name } of commands) {
    const heading = `## \`quiesce ${name}\``;
    const at = out.indexOf(`\n${heading}\n`);
    if (at < 0) continue;
    const start = out.indexOf('\n| option | meaning |', at);
    const next = out.indexOf('\n## ', at + heading.length + 2);
    if (start < 0 || (next >= 0 && start > next)) continue;
    let end = start + 1;
    while (out.startsWith('|', end)) end = out.indexOf('\n', end) + 1;
    out = `${out.slice(0, start + 1)}${optionTable(name)}\n${out.slice(end)}`;
  }
  return out;
}
