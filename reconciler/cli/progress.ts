// Drain progress: a line per change of state in logs, one line redrawn in place on a terminal.

import type { RoundJson } from '../report/phase-text.ts';
import { type RoundItem, roundProgress } from '../report/round-progress.ts';
import { waitingOn } from '../report/waiting-on.ts';
import type { PoolStatus } from '../status/index.ts';
import type { Output } from './io.ts';

/** `text` cut to fit `columns` (with an ellipsis), so a redrawn line never wraps. */
export function fitLine(text: string, columns: number): string {
  const chars = [...text];
  const room = Math.max(1, columns - 1);
  return chars.length <= room ? text : `${chars.slice(0, room - 1).join('')}…`;
}

/**
 * A reporter fed with each reconcile's fleet status, and with its maintenance rounds (`rollouts`, read at
 * `roundNow`, the rounds' clock).
 */
export function progressReporter(out: Output): {
  update(
    pools: PoolStatus[],
    now?: number,
    rounds?: { rollouts: readonly RoundJson[] | undefined; now: number },
  ): void;
  end(): void;
} {
  const last = new Map<string, string>();
  const lastRound = new Map<string, string>();
  let drawn = false;
  // The first rounds seen: servers already done are remembered, not printed.
  let first = true;
  return {
    update(pools, now = Date.now(), rounds) {
      const items = waitingOn(pools, now);
      const roundItems: RoundItem[] =
        rounds === undefined ? [] : roundProgress(rounds.rollouts, rounds.now);
      if (out.isTTY) {
        const parts = [
          ...items.map((item) => `${item.server}: ${item.text}`),
          ...roundItems.filter((item) => item.moving).map((item) => item.text),
        ];
        if (parts.length > 0) {
          out.write(`\r\u001b[K${fitLine(parts.join(' | '), out.columns ?? 80)}`);
          drawn = true;
        }
        return;
      }
      for (const item of items) {
        if (last.get(item.server) === item.key) continue;
        last.set(item.server, item.key);
        out.write(`${item.server}: ${item.text}\n`);
      }
      for (const item of roundItems) {
        if (lastRound.get(item.slot) === item.key) continue;
        lastRound.set(item.slot, item.key);
        // A server done before this run (a retry, a resumed round) is no news: its "done (2 of 6)" would be stale.
        if (first && item.key === 'done') continue;
        out.write(`${item.text}\n`);
      }
      if (rounds !== undefined) first = false;
    },
    end() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
}
