// Usage lines generated from a command's arguments and option table: `quiesce plan [PATH | --git URL …] …`.
import type { OptionSpec } from './args.ts';
import type { Command, Positional } from './command.ts';
import { HELP_WIDTH } from './help-layout.ts';

/** How an option is written: `-o|--output text|json`, `--git URL`, `--wait`. */
export function optionForm(name: string, spec: OptionSpec, shortSeparator = '|'): string {
  const flag = spec.short === undefined ? `--${name}` : `-${spec.short}${shortSeparator}--${name}`;
  const value = spec.choices?.join('|') ?? spec.value ?? (spec.type === 'string' ? 'VALUE' : null);
  return value === null ? flag : `${flag} ${value}`;
}

/** How a positional is written alone: PATH, PATH..., in brackets when optional. */
export function positionalForm(positional: Positional): string {
  const name = positional.repeats === true ? `${positional.name}...` : positional.name;
  return positional.optional === true ? `[${name}]` : name;
}

/** An option with what nests under it and its alternatives, without the outer brackets. */
function optionGroup(command: Command, name: string): string {
  const spec = command.options[name]!;
  const related = Object.entries(command.options);
  const nested = related
    .filter(([, s]) => s.under === name)
    .map(([n]) => ` [${optionGroup(command, n)}]`)
    .join('');
  const alternatives = related
    .filter(([, s]) => s.or === name)
    .map(([n]) => ` | ${optionGroup(command, n)}`)
    .join('');
  return `${optionForm(name, spec)}${nested}${alternatives}`;
}

/**
 * Each way to call `command`, as its top-level parts: ['quiesce plan', '[PATH | --git URL …]', …]; the name
 * padded to `nameWidth` lines up the usages of several commands.
 */
export function usageForms(command: Command, nameWidth = 0): string[][] {
  const head = `quiesce ${command.name.padEnd(nameWidth)}`;
  const main = [head];
  const taken = new Set<string>();
  for (const positional of command.positionals) {
    if (positional.or === undefined || command.options[positional.or] === undefined) {
      main.push(positionalForm(positional));
      continue;
    }
    taken.add(positional.or);
    const name = positional.repeats === true ? `${positional.name}...` : positional.name;
    main.push(`[${name} | ${optionGroup(command, positional.or)}]`);
  }
  const others: string[][] = [];
  for (const [name, spec] of Object.entries(command.options)) {
    if (taken.has(name) || spec.under !== undefined || spec.or !== undefined) continue;
    if (spec.ownLine === true) {
      const rest = command.positionals.map(positionalForm);
      others.push([head, optionForm(name, spec), ...rest, '[options]']);
      continue;
    }
    const group = optionGroup(command, name);
    main.push(spec.required === true ? group : `[${group}]`);
  }
  return [main, ...others];
}

/** Each way to call `command` on one line (README's `## Commands` block holds them, names padded). */
export function usageLines(command: Command, nameWidth = 0): string[] {
  return usageForms(command, nameWidth).map((parts) => parts.join(' '));
}

/**
 * The usage forms wrapped to HELP_WIDTH, the first after `prefix`, later forms under the first's `quiesce`;
 * a form's continuation lines are indented past `quiesce <command> `, a part is never split.
 */
export function wrappedUsage(command: Command, prefix: string, nameWidth = 0): string {
  const lines: string[] = [];
  usageForms(command, nameWidth).forEach((parts, index) => {
    const lead = index === 0 ? prefix : ' '.repeat(prefix.length);
    const indent = ' '.repeat(prefix.length + parts[0]!.length + 1);
    let line = `${lead}${parts[0]}`;
    for (const part of parts.slice(1)) {
      if (line.length + 1 + part.length <= HELP_WIDTH) line += ` ${part}`;
      else {
        lines.push(line);
        line = `${indent}${part}`;
      }
    }
    lines.push(line);
  });
  return `${lines.join('\n')}\n`;
}
