// What a round adds to the plan's problems: a held or gated next drain is blocked, a failed hook an error.
import type { Plan } from '../plan-types.ts';
import { quotedOutputText } from './output-lines.ts';
import type { Rollout } from './rollout-types.ts';

/**
 * A round that waits for a window or is blocked by a gate is a blocked change (exit 3); a failed hook is an
 * error (exit 1) that says how to retry.
 */
export function roundProblems(plan: Plan, rollouts: readonly Rollout[]): void {
  for (const rollout of rollouts) {
    for (const { name, phase } of rollout.servers) {
      const base = { pool: rollout.pool, server: name };
      if (phase.phase === 'waiting-window')
        plan.blocked.push({
          ...base,
          rule: 'maintenance-window',
          message: `round ${rollout.id}: draining ${name} waits for a maintenance window: ${phase.message}`,
        });
      else if (phase.phase === 'blocked-gate' && !phase.waiting)
        plan.blocked.push({
          ...base,
          rule: 'maintenance-gate',
          message: `round ${rollout.id}: draining ${name} is blocked by a gate: ${phase.message}`,
        });
      else if (phase.phase === 'stalled' && phase.reason === 'hook-failed') {
        const output = quotedOutputText(phase.hook?.tail);
        plan.errors.push({
          ...base,
          service: null,
          kind: 'HookFailed',
          message: `round ${rollout.id}: ${phase.message}${output === null ? '' : ` (last output: ${output})`}; ${name} stays drained and the round is stopped. Fix the cause, then run quiesce apply --retry-hook ${rollout.pool} ${name}`,
        });
      }
    }
  }
  plan.summary.blocked = plan.blocked.length;
  plan.summary.errors = plan.errors.length;
}
