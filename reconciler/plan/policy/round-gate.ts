// The round's gate hold: a round whose next drain a gate said no to is blocked (a gate that said wait is not).
import { ALLOWED, type PolicyRule } from './rule.ts';

/** Blocks the round's next drain when its gates said no (rule maintenance-gate); Busy is asked again instead. */
export const roundGate: PolicyRule = ({ server, round }) => {
  const phase = round?.servers.find((s) => s.name === server.name)?.phase;
  if (round === undefined || phase?.phase !== 'blocked-gate' || phase.waiting) return ALLOWED;
  return {
    kind: 'blocked',
    rule: 'maintenance-gate',
    message: `round ${round.id}: draining ${server.name} is blocked by a gate: ${phase.message}`,
  };
};
