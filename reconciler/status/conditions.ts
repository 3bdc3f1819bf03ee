// The Flux-style conditions a watch round writes to status: Ready, Reconciling, Stalled. Pure.
import type { LoadIssue } from '../errors.ts';
import type { Revision } from '../model.ts';
import type { Plan } from '../plan/plan-types.ts';
import { stillMoving } from './moving.ts';
import type { Condition } from './types.ts';

/** What the round's read of the source came to (the loop's SourceRead has this shape). */
export type SourceOutcome =
  | { kind: 'valid' }
  | { kind: 'invalid'; revision: Revision; issues: LoadIssue[] }
  | { kind: 'unavailable'; error: { kind: string; message: string }; retryInMs: number };

/**
 * Ready, Reconciling and Stalled after a round: `plan` is null while no valid revision was ever read;
 * `stalledHealth` says a drain passed its timeout.
 */
export function conditions(
  read: SourceOutcome,
  plan: Plan | null,
  stalledHealth: boolean,
): Condition[] {
  const s = plan?.summary;
  const moving = s !== undefined && stillMoving(s);
  let ready: Condition = {
    type: 'Ready',
    status: true,
    reason: 'ReconciliationSucceeded',
    message: 'the fleet matches the desired state',
  };
  let stalled: Condition = { type: 'Stalled', status: false, reason: 'Progressing', message: '' };
  // A failed maintenance hook needs a person (`apply --retry-hook`), like a drain past its timeout.
  const hookFailures = plan?.errors.filter((e) => e.kind === 'HookFailed') ?? [];
  const hookMessage = hookFailures.map((e) => `${e.server}: ${e.message}`).join('; ');
  if (read.kind === 'invalid') {
    const first = read.issues[0];
    const count = `${read.issues.length} ${read.issues.length === 1 ? 'problem' : 'problems'}`;
    const inForce =
      plan === null ? 'no valid revision is in force yet' : 'the last good revision stays in force';
    const message = `${read.revision.id} is invalid (${count}; first: ${first?.file}:${first?.line}:${first?.column} ${first?.message}); ${inForce}`;
    ready = { type: 'Ready', status: false, reason: 'ValidationFailed', message };
    stalled = { type: 'Stalled', status: true, reason: 'ValidationFailed', message };
  } else if (read.kind === 'unavailable') {
    ready = {
      type: 'Ready',
      status: false,
      reason: 'SourceUnavailable',
      message: `${read.error.kind}: ${read.error.message}; retrying in ${Math.round(read.retryInMs / 1000)}s`,
    };
  } else if (plan === null) {
    ready = {
      type: 'Ready',
      status: false,
      reason: 'NoRevision',
      message: 'no valid revision yet',
    };
  }
  if (plan !== null && ready.status) {
    if (s && s.blocked > 0)
      ready = {
        type: 'Ready',
        status: false,
        reason: 'Blocked',
        message: plan.blocked.map((b) => b.message).join('; '),
      };
    else if (hookFailures.length > 0)
      ready = { type: 'Ready', status: false, reason: 'HookFailed', message: hookMessage };
    else if (s && s.errors > 0)
      ready = {
        type: 'Ready',
        status: false,
        reason: 'DriverErrors',
        message: plan.errors.map((e) => `${e.server}: ${e.message}`).join('; '),
      };
    else if (!s?.converged)
      ready = {
        type: 'Ready',
        status: false,
        reason: 'Progressing',
        message: `${s?.drainingSessions ?? 0} sessions still draining`,
      };
  }
  if (!stalled.status && hookFailures.length > 0)
    stalled = { type: 'Stalled', status: true, reason: 'HookFailed', message: hookMessage };
  if (!stalled.status && plan !== null && (plan.blocked.length > 0 || stalledHealth)) {
    stalled = {
      type: 'Stalled',
      status: true,
      reason: plan.blocked.length > 0 ? 'Blocked' : 'DrainTimeout',
      message:
        plan.blocked.length > 0 ? 'changes are blocked by policy' : 'a drain passed its timeout',
    };
  }
  const reconciling: Condition = moving
    ? {
        type: 'Reconciling',
        status: true,
        reason: 'Progressing',
        message: `${s?.changes ?? 0} changes, ${s?.waiting ?? 0} waiting, ${s?.drainingSessions ?? 0} sessions draining`,
      }
    : { type: 'Reconciling', status: false, reason: 'Idle', message: '' };
  return [ready, reconciling, stalled];
}
