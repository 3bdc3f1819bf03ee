// A policy rule's one signature: a server's proposed drain in, allowed or blocked (rule, message) out.
import type { PoolSpec, ServerSpec } from '../../model.ts';
import type { Round } from '../maintenance/round-types.ts';
import type { WindowVerdict } from '../maintenance/windows.ts';
import type { Blocked } from '../plan-types.ts';
import type { PoolFleetView } from './fleet.ts';

/** A drain the planner would start: the server, its pool, who in the pool is out now, and the time. */
export interface DrainProposal {
  pool: PoolSpec;
  server: ServerSpec;
  /** The server's position in `pool.servers` (declaration order). */
  index: number;
  /** The pool's servers as observed, with the drains this plan already allowed counted as out. */
  fleet: PoolFleetView;
  /** Milliseconds since epoch; a rule never reads the clock. */
  now: number;
  /** The pool's maintenance windows now (absent when the plan is made without them: always open). */
  window?: WindowVerdict;
  /** The pool's maintenance round, derived for this plan (absent when the pool has none). */
  round?: Round;
}

/** A rule's answer: the drain may go ahead, or it is blocked, naming the rule and why. */
export type PolicyVerdict =
  | { kind: 'allowed' }
  | { kind: 'blocked'; rule: Blocked['rule']; message: string };

/** One rule of the policy or one hold; pure (no I/O, no clock, no env). */
export type PolicyRule = (drain: DrainProposal) => PolicyVerdict;

/** The verdict of a rule that has nothing against the drain (one shared object: no allocation). */
export const ALLOWED: PolicyVerdict = Object.freeze({ kind: 'allowed' });
