// A round in words: each server's phase ("hook running 12m", "settling until 23:41", "blocked by gate: Busy"),
// its next actions, and the round as plans, status and pages show it in JSON.
import { formatDuration } from '../duration.ts';
import { quotedOutputText } from '../plan/maintenance/output-lines.ts';
import type { RoundProgress, ServerPhase } from '../plan/maintenance/round-types.ts';
import { clockText } from '../plan/maintenance/when-text.ts';
import type { RoundView } from '../plan/plan-types.ts';

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

/** Where the round stands in one line: `3 of 6 done`, `…; next fe04: waiting for window: opens …`, `…; stopped: …`. */
export function roundMessage(round: RoundProgress): string {
  const progress = `${round.done} of ${round.total} done`;
  if (round.state === 'stopped') return `${progress}; stopped: hook failed on ${round.stoppedBy}`;
  const next = round.waitingOn;
  if (next === null || round.state !== 'waiting') return progress;
  // A round waits on a pending, window or gate phase, each worded as the server's own (no clock in them).
  const waits = ['pending', 'waiting-window', 'blocked-gate'].includes(next.phase.phase);
  return `${progress}; next ${next.server}: ${waits ? phaseText(next.phase, 0, 'UTC') : next.phase.phase}`;
}

/** A maintenance round as plans, status, `/api/status` and the stored views show it (JSON). */
export interface RoundJson {
  pool: string;
  id: string;
  state: RoundView['state'];
  message: string;
  /** Whether a drain may start now, and until when or from when. */
  window: string;
  servers: {
    name: string;
    phase: string;
    text: string;
    since: number | null;
    until: number | null;
    /** The mode the round gives the server now (`draining` while it is out), or null: its declared one. */
    mode: RoundView['servers'][number]['mode'];
  }[];
  /** What apply does next (`start-drain fe03`, `run-hook fe02`). */
  next: string[];
}

/** The round in words, its times as of when it was derived. */
export function roundJson(view: RoundView): RoundJson {
  return {
    pool: view.pool,
    id: view.id,
    state: view.state,
    message: roundMessage(view),
    window: view.window,
    servers: view.servers.map(({ name, phase, mode }) => ({
      name,
      phase: phase.phase,
      text: phaseText(phase, view.at, view.zone),
      since: 'since' in phase ? phase.since : null,
      until: phase.phase === 'settling' ? phase.until : null,
      mode,
    })),
    next: view.actions.map(
      (a) =>
        `${a.kind} ${a.server}${a.kind === 'run-hook' && a.rerun ? ' (again: no end was recorded)' : ''}`,
    ),
  };
}

/** The rounds in words, or undefined when there are none (as the plan has them). */
export const roundsJson = (views: readonly RoundView[] | undefined): RoundJson[] | undefined =>
  views?.map(roundJson);
