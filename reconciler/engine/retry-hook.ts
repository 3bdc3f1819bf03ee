// retryHook: clears a round's failed hook so the next round runs it again (`apply --retry-hook POOL SERVER`).
import { err, ok, type Result } from 'neverthrow';
import type { RoundRecords } from '../apply/round-records.ts';
import type { AuditEntry } from '../audit-record.ts';
import { type EngineError, fromState } from '../errors.ts';
import { didYouMean } from '../load/suggest.ts';
import type { DesiredState, Revision } from '../model.ts';

/** What retryHook needs: the desired state, where records live, the revision, the clock and the audit. */
export interface RetryHookContext {
  desired: DesiredState;
  records: RoundRecords;
  revision: Revision | null;
  now: () => number;
  audit: (entry: AuditEntry) => void | Promise<void>;
}

/** How many names a hint lists. */
const LISTED = 8;

/** `; did you mean \`x\`? (its servers: a, b, … and 4 more)` after a name that is not among `names`. */
function namesHint(name: string, names: readonly string[], what: string): string {
  const suggestion = didYouMean(name, names);
  const shown = names.slice(0, LISTED).join(', ');
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  return `${suggestion === null ? '' : `; ${suggestion}`} (${what}: ${shown}${more})`;
}

/** A refusal: one line saying why there is nothing to retry. */
const refused = (message: string) => err<never, EngineError>({ kind: 'Refused', message });

/**
 * Clears the failed hook of `server` in `pool`'s round (audited as retry-hook); what it says it did, or why it
 * did nothing (Refused) or could not (State).
 */
export async function retryHook(
  context: RetryHookContext,
  pool: string,
  server: string,
): Promise<Result<string, EngineError>> {
  const { desired, records } = context;
  const spec = desired.pools.find((p) => p.name === pool);
  if (spec === undefined)
    return refused(
      `no pool ${pool} in the desired state${namesHint(
        pool,
        desired.pools.map((p) => p.name),
        'pools',
      )}`,
    );
  const round = spec.maintenance;
  if (!round) return refused(`pool ${pool} declares no spec.maintenance`);
  if (!spec.servers.some((s) => s.name === server))
    return refused(
      `${server} is not a server of pool ${pool}${namesHint(
        server,
        spec.servers.map((s) => s.name),
        'its servers',
      )}`,
    );
  if (!round.servers.includes(server))
    return refused(
      `${server} is not in round ${round.id} of pool ${pool}${namesHint(server, round.servers, 'spec.maintenance.servers')}`,
    );
  const loaded = await records.load(pool, round.id);
  if (loaded.isErr()) return err(fromState(loaded.error));
  const record = loaded.value.get(server);
  if (record?.hook == null || record.hook.ok)
    return refused(
      `${server} has no failed hook in round ${round.id} of pool ${pool}; nothing to retry`,
    );
  const before = record.hook;
  Object.assign(record, { hook: null, hookStartedAt: null, hookEndedAt: null, hookPid: null });
  const saved = await records.save(record);
  if (saved.isErr()) return err(fromState(saved.error));
  await context.audit({
    time: new Date(context.now()).toISOString(),
    revision: context.revision,
    pool,
    server,
    service: 'maintenance',
    action: 'retry-hook',
    before: null,
    after: null,
    outcome: 'ok',
    error: null,
    durationMs: 0,
    maintenance: { id: round.id, exitCode: before.exitCode, tail: before.tail },
  });
  return ok(`retrying the hook of ${server} in round ${round.id} (it failed: ${before.message})`);
}
