// Renders maintenance rounds: one line per round, one per server with its phase.
import type { RoundView } from '../plan/index.ts';
import { roundsJson } from './phase-text.ts';
import type { Style } from './style.ts';

const MARK: Record<string, (style: Style) => string> = {
  done: (s) => s.green('✓'),
  settling: (s) => s.green('✓'),
  draining: (s) => s.yellow('~'),
  'hook-running': (s) => s.yellow('▶'),
  returning: (s) => s.green('+'),
  stalled: (s) => s.red('✗'),
  'waiting-window': (s) => s.dim('…'),
  'blocked-gate': (s) => s.red('…'),
};

/** ` (window: …)` after the round's message, unless the message already says it (waiting for the window). */
const windowAside = (r: { message: string; window: string }) =>
  r.message.includes(r.window) ? '' : ` (window: ${r.window})`;

/** Text lines for the rounds (none when there are none). */
export function roundLines(rollouts: readonly RoundView[] | undefined, style: Style): string[] {
  const lines: string[] = [];
  for (const r of roundsJson(rollouts) ?? []) {
    lines.push(
      style.bold(`maintenance ${r.pool} ${r.id}: ${r.state}, ${r.message}${windowAside(r)}`),
    );
    const width = Math.max(0, ...r.servers.map((s) => s.name.length));
    for (const s of r.servers)
      lines.push(
        `  ${(MARK[s.phase] ?? ((st: Style) => st.dim('·')))(style)} ${s.name.padEnd(width)}  ${s.text}`,
      );
    if (r.next.length > 0) lines.push(style.dim(`  next: ${r.next.join(', ')}`));
  }
  return lines;
}

/** Markdown lines for the rounds. */
export function roundMarkdown(rollouts: readonly RoundView[] | undefined): string[] {
  const lines: string[] = [];
  for (const r of roundsJson(rollouts) ?? []) {
    lines.push(
      '',
      `**maintenance ${r.pool} ${r.id}**: ${r.state}, ${r.message}${windowAside(r)}`,
      '',
    );
    for (const s of r.servers) lines.push(`- \`${s.name}\`: ${s.text.replaceAll('|', '\\|')}`);
  }
  return lines;
}
