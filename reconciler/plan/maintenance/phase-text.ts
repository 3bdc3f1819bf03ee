// One server's rollout phase in words: "hook running 12m", "settling until 23:41", "blocked by gate: Busy".
import { formatDuration } from '../../duration.ts';
import type { RolloutView } from '../plan-types.ts';
import { quotedOutputText } from './output-lines.ts';
import type { Rollout, ServerPhase } from './rollout-types.ts';
import { clockText } from './when-text.ts';

const ago = (since: number, now: number) => formatDuration(Math.max(1000, now - since));

/** The phase as plans and status print it; clock times in `zone`. */
export function phaseText(phase: ServerPhase, now: number, zone: string): string {
  switch (phase.phase) {
    case 'done':
      return 'done';
    case 'settling':
      return `settling until ${clockText(phase.until, zone).slice(4)} ${zone}`;
    case 'skipped':
    case 'pending':
      return phase.message;
    case 'waiting-window':
      return `waiting for window: ${phase.message}`;
    case 'blocked-gate':
      return `blocked by gate: ${phase.message}`;
    case 'draining':
      if (phase.drained) return 'drained, hook next';
      return phase.since === null ? 'draining next' : `draining ${ago(phase.since, now)}`;
    case 'hook-running':
      return `hook running ${ago(phase.since, now)}`;
    case 'returning':
      return 'returning';
    case 'stalled': {
      const output = quotedOutputText(phase.hook?.tail);
      return `Stalled: ${phase.message}${output === null ? '' : ` — ${output}`}`;
    }
  }
}

/** The round as data for plans, status and JSON. */
export function rolloutView(
  rollout: Rollout,
  window: string,
  now: number,
  zone: string,
): RolloutView {
  return {
    pool: rollout.pool,
    id: rollout.id,
    state: rollout.state,
    message: rollout.message,
    window,
    servers: rollout.servers.map(({ name, phase }) => ({
      name,
      phase: phase.phase,
      text: phaseText(phase, now, zone),
      since: 'since' in phase ? phase.since : null,
      until: phase.phase === 'settling' ? phase.until : null,
      mode: rollout.modes.get(name) ?? null,
    })),
    next: rollout.actions.map(
      (a) =>
        `${a.kind} ${a.server}${a.kind === 'run-hook' && a.rerun ? ' (again: no end was recorded)' : ''}`,
    ),
  };
}
