// A round as the plan carries it: phases, modes and next actions as data, with the time and zone to word them in.
import type { RolloutView } from '../plan-types.ts';
import type { Rollout } from './rollout-types.ts';

/** The round of `rollout` as plan data, derived at `at` (ms); clock times are worded in `zone` (report/). */
export function roundView(rollout: Rollout, window: string, at: number, zone: string): RolloutView {
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
