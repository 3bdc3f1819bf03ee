// What a round's failed hooks add to the plan: an error (exit 1) per server, saying how to retry.
import type { PlanError } from '../plan-types.ts';
import { quotedOutputText } from './output-lines.ts';
import type { Round } from './round-types.ts';

/** One HookFailed error per server of the round whose hook failed, in the round's order. */
export function hookFailures(round: Round): PlanError[] {
  return round.servers.flatMap(({ name, phase }): PlanError[] => {
    if (phase.phase !== 'stalled' || phase.reason !== 'hook-failed') return [];
    const output = quotedOutputText(phase.hook?.tail);
    return [
      {
        pool: round.pool,
        server: name,
        service: null,
        kind: 'HookFailed',
        message: `round ${round.id}: ${phase.message}${output === null ? '' : ` (last output: ${output})`}; ${name} stays drained and the round is stopped. Fix the cause, then run quiesce apply --retry-hook ${round.pool} ${name}`,
      },
    ];
  });
}
