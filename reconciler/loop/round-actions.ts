// What a reconcile's rounds did, read off their audit entries: how many actions, and which hooks failed.

import type { StepFailure } from '../apply/run-plan.ts';
import type { AuditEntry } from '../audit-record.ts';
import type { Plan } from '../plan/index.ts';

/** Counts the rounds' own actions (start-drain, run-hook, record-done) and keeps the hooks that failed. */
export class RoundActions {
  /** Round actions audited so far (a hook counts when it ends). */
  count = 0;
  private readonly failedHooks: { pool: string; server: string; message: string }[] = [];

  /** The audit callback, counting what passes through it. */
  wrap(
    audit: (entry: AuditEntry) => void | Promise<void>,
  ): (entry: AuditEntry) => void | Promise<void> {
    return (entry) => {
      if (entry.service === 'maintenance') {
        this.count++;
        if (entry.action === 'run-hook' && entry.outcome === 'error')
          this.failedHooks.push({
            pool: entry.pool,
            server: entry.server,
            message: entry.error?.message ?? 'hook failed',
          });
      }
      return audit(entry);
    };
  }

  /** The failed hooks as failures, each with the plan's HookFailed message when it has one (the last lines, the retry). */
  failures(plan: Plan): StepFailure[] {
    return this.failedHooks.map(({ pool, server, message }) => ({
      pool,
      server,
      service: 'maintenance',
      action: 'run-hook',
      kind: 'HookFailed',
      message:
        plan.errors.find((e) => e.kind === 'HookFailed' && e.pool === pool && e.server === server)
          ?.message ?? message,
    }));
  }
}
