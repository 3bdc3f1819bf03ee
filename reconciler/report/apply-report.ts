// Renders what `apply` did: a line per failed step as it happens, and the result at the end (text or JSON).
import { formatDuration } from '../duration.ts';
import type { Plan } from '../plan/index.ts';
import type { PoolStatus } from '../status/index.ts';
import { roundsJson } from './phase-text.ts';
import { planText } from './plan-report.ts';
import { roundLines } from './round-report.ts';
import type { Style } from './style.ts';
import { waitingOn } from './waiting-on.ts';

/** A step that failed, as apply reports it (apply's StepFailure has this shape). */
export interface FailedStep {
  pool: string;
  server: string;
  service: string;
  action: string;
  kind: string;
  message: string;
}

/** What an apply run came to (apply's ConvergeResult has this shape). */
export interface ApplyResult {
  executed: number;
  /** The rounds' own actions (start-drain, run-hook, record-done); absent or 0 without rounds. */
  roundActions?: number;
  failures: readonly FailedStep[];
  timedOut: boolean;
  interrupted: boolean;
  lastPlan: Plan;
}

/** How the run went, beyond its outcome: for the closing lines of the text report. */
export interface ApplyRun {
  /** Whether apply kept reconciling (--wait). */
  wait: boolean;
  elapsedMs: number;
  /** The last fleet status seen, to say what a timed-out run still waits on. */
  lastPools: PoolStatus[];
  now: number;
}

/** The line printed when a step fails while apply runs. */
export function failedStepLine(
  step: Pick<FailedStep, 'server' | 'service' | 'action'>,
  style: Style,
): string {
  return `${style.red('✗')} ${step.server} ${step.service} ${step.action} failed\n`;
}

/** The text report at the end of apply: failures, interrupted or timed out, the summary, and what is left. */
export function applyText(outcome: ApplyResult, run: ApplyRun, style: Style): string {
  const last = outcome.lastPlan;
  const wholePlan = run.wait && !last.summary.converged;
  let text = '';
  for (const f of outcome.failures) {
    // A failed hook is also the last plan's error: printed once.
    const inPlan = last.errors.some(
      (e) => e.kind === f.kind && e.pool === f.pool && e.server === f.server,
    );
    if (wholePlan && inPlan) continue;
    text += `${style.red('✗ failed')} ${f.pool}/${f.server} ${f.service} ${f.action} [${f.kind}]: ${f.message}\n`;
  }
  const elapsed = formatDuration(run.elapsedMs);
  if (outcome.interrupted)
    text += `${style.yellow('interrupted')}: finished the step in flight; run apply again to continue\n`;
  else if (outcome.timedOut) {
    const items = waitingOn(run.lastPools, run.now).filter((item) => !item.drained);
    const what = items.map((item) => `${item.server}: ${item.text}`).join('; ');
    text += `${style.red('timed out')} after ${elapsed}, still waiting on ${what === '' ? `${last.summary.drainingSessions} open sessions` : what}\n`;
  }
  const actions = outcome.roundActions ?? 0;
  const rounds = actions > 0 ? ` and ${actions} round action${actions === 1 ? '' : 's'}` : '';
  text += `Applied ${outcome.executed} step${outcome.executed === 1 ? '' : 's'}${rounds} in ${elapsed}.${run.wait && last.summary.converged ? ' All drains finished; the fleet matches the desired state.' : ''}\n`;
  if (wholePlan) text += planText(last, style);
  else if (last.rollouts !== undefined) text += `${roundLines(last.rollouts, style).join('\n')}\n`;
  return text;
}

/** The JSON report at the end of apply (`--output json`): the outcome and the last plan. */
export function applyJson(outcome: ApplyResult, revision: Plan['revision']): string {
  const { formatVersion, changes, blocked, waiting, errors, summary, rollouts } = outcome.lastPlan;
  const plan = {
    changes,
    blocked,
    waiting,
    errors,
    summary,
    ...(rollouts === undefined ? {} : { rollouts: roundsJson(rollouts) }),
  };
  const { executed, failures, timedOut, interrupted } = outcome;
  // roundActions only with rounds, as plan.rollouts.
  const rounds = rollouts === undefined ? {} : { roundActions: outcome.roundActions ?? 0 };
  return `${JSON.stringify({ formatVersion, revision, executed, ...rounds, failures, timedOut, interrupted, plan }, null, 2)}\n`;
}
