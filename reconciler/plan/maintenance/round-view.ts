// A round as the plan carries it: phases, modes and next actions as data, with the time and zone to word them in.
import type { RoundView } from '../plan-types.ts';
import type { Round } from './round-types.ts';

/** The round of `rollout` as plan data, derived at `at` (ms); clock times are worded in `zone` (report/). */
export function roundView(rollout: Round, window: string, at: number, zone: string): RoundView {
  return {
    pool: rollout.pool,
    id: rollout.id,
    state: rollout.state,
    done: rollout.done,
    total: rollout.total,
    stoppedBy: rollout.stoppedBy,
    waitingOn: rollout.waitingOn,
    window,
    at,
    zone,
    servers: rollout.servers.map(({ name, phase }) => ({
      name,
      phase,
      mode: rollout.modes.get(name) ?? null,
    })),
    actions: rollout.actions,
  };
}
