// Where apply's and watch's audit records go: the store, each stamped as a change record (reason, operator).
import type { Result } from 'neverthrow';
import type { Actor } from '../actor.ts';
import type { AuditEntry, Operator } from '../audit-record.ts';
import type { StateError } from '../errors.ts';
import type { DesiredState } from '../model.ts';
import type { AuditStore } from '../state/store.ts';

/** The operator of a record: the actor that runs the command. */
export const operatorOf = (actor: Actor): Operator => ({
  user: actor.user ?? null,
  host: actor.host,
  pid: actor.pid,
  command: actor.command,
  ciJobUrl: actor.ciJobUrl,
});

type PoolSpec = DesiredState['pools'][number];
type ServerSpec = PoolSpec['servers'][number];

/** Each desired state's pools and servers by name, built once: a step's lookup no longer scans the pool. */
const indexes = new WeakMap<DesiredState, Map<string, [PoolSpec, Map<string, ServerSpec>]>>();

function indexOf(desired: DesiredState) {
  let index = indexes.get(desired);
  if (index === undefined) {
    index = new Map(
      desired.pools.map((p) => [p.name, [p, new Map(p.servers.map((s) => [s.name, s]))]]),
    );
    indexes.set(desired, index);
  }
  return index;
}

/** Why a step ran: the server's `reason`, else the pool's maintenance id, else the commit subject. */
export function reasonOf(entry: AuditEntry, desired: DesiredState | null): string | null {
  const [pool, servers] = (desired === null ? undefined : indexOf(desired).get(entry.pool)) ?? [];
  const server = servers?.get(entry.server);
  const maintenance = 'maintenance' in entry ? entry.maintenance.id : pool?.maintenance?.id;
  return server?.reason ?? maintenance ?? entry.revision?.subject ?? null;
}

/** The entry with its reason (a step's own, as a stop at drain.onTimeout has, kept) and operator. */
export const changeRecord = (
  entry: AuditEntry,
  desired: DesiredState | null,
  actor: Actor,
): AuditEntry => ({
  ...entry,
  reason: ('reason' in entry && entry.reason) || reasonOf(entry, desired),
  operator: operatorOf(actor),
});

/** Records the step (awaited: durable before the next step) as a change record of `actor` under `desired`. */
export function auditSink(
  store: AuditStore,
  desired: DesiredState,
  actor: Actor,
): (record: AuditEntry) => Promise<Result<void, StateError>> {
  return (record) => store.recordStep(changeRecord(record, desired, actor));
}
