// What apply shows while it runs: the plan once, failed steps, --wait progress, warnings.
import type { ApplyObserver } from '../engine/apply-once.ts';
import { failedStepLine } from '../report/apply-report.ts';
import { roundsJson } from '../report/phase-text.ts';
import { planText } from '../report/plan-report.ts';
import type { Style } from '../report/style.ts';
import { windowOpenLines, windowWaitLine } from '../report/window-wait.ts';
import type { Io } from './io.ts';
import { progressReporter } from './progress.ts';

/** The observer apply hands the engine, and `end()` to finish the progress line. */
export function applyObserver(
  io: Io,
  style: Style,
  settings: { json: boolean; wait: boolean },
): Required<ApplyObserver> & { end(): void } {
  const { json, wait } = settings;
  const progress = progressReporter(json ? { write: () => true } : io.stdout);
  let printedPlan = false;
  // Pools whose window apply waited for: the next plan says when it opened.
  let waitedFor: Set<string> | null = null;
  return {
    retried: (message) => {
      if (!json) io.stdout.write(`${message}\n`);
    },
    plan: ({ plan, pools, now }) => {
      if (!printedPlan && !json) io.stdout.write(planText(plan, style));
      printedPlan = true;
      if (waitedFor !== null && !json) {
        const opened = windowOpenLines(plan, waitedFor);
        if (opened !== '') {
          progress.end();
          io.stdout.write(opened);
          waitedFor = null;
        }
      }
      if (wait) progress.update(pools(), now, { rollouts: roundsJson(plan.rollouts), now });
    },
    step: (change, outcome) => {
      if (!json && outcome !== 'ok') io.stdout.write(failedStepLine(change, style));
    },
    waitingForWindow: (until, plan, now) => {
      waitedFor = new Set(
        (plan.windows ?? []).filter((w) => !w.open && w.changeAt === until).map((w) => w.pool),
      );
      if (json) return;
      progress.end();
      io.stdout.write(windowWaitLine(until, plan, now));
    },
    warn: (message) => io.stderr.write(`quiesce apply: ${message}\n`),
    end: () => progress.end(),
  };
}
