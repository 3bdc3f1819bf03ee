// The round's window hold: a round whose next drain waits for the pool's maintenance window is blocked.
import { ALLOWED, type PolicyRule } from './rule.ts';

/** Blocks the round's next drain while the round waits for a window (rule maintenance-window). */
export const roundWindow: PolicyRule = ({ server, round }) => {
  const phase = round?.servers.find((s) => s.name === server.name)?.phase;
  if (round === undefined || phase?.phase !== 'waiting-window') return ALLOWED;
  return {
    kind: 'blocked',
    rule: 'maintenance-window',
    message: `round ${round.id}: draining ${server.name} waits for a maintenance window: ${phase.message}`,
  };
};
