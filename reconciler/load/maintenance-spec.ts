// `spec.maintenance` and `spec.windows` with defaults filled in (validity is checked in maintenance-checks).
import { parseDuration } from '../duration.ts';
import type { GateSpec, MaintenanceSpec, WindowSpec } from '../model.ts';
import type { MaintenanceDocument, WindowDocument } from './pool-document.ts';
import { caseless } from './service-names.ts';
import { canonicalZone } from './time-zone.ts';

/** How long a hook may run on one server when `timeout` is not set. */
export const DEFAULT_HOOK_TIMEOUT = '1h';

/** The round as the planner uses it: servers in the pool's declaration order, spelt as declared. */
export function maintenanceOf(
  document: MaintenanceDocument | undefined,
  poolServers: readonly string[],
): MaintenanceSpec | null {
  if (document === undefined) return null;
  const listed =
    document.servers === 'all' ? null : new Set(document.servers.map((name) => caseless(name)));
  const gates: GateSpec[] = (document.gates ?? []).map((gate) =>
    typeof gate === 'string' ? { kind: gate } : { kind: 'command', argv: gate.command },
  );
  return {
    id: document.id,
    servers: poolServers.filter((name) => listed === null || listed.has(caseless(name))),
    run: document.run,
    timeoutMs: parseDuration(document.timeout ?? DEFAULT_HOOK_TIMEOUT) ?? 0,
    // "0s" (or no settle) means none.
    settleMs: document.settle === undefined ? 0 : (parseDuration(document.settle) ?? 0),
    gates,
  };
}

/** The windows as the planner evaluates them. */
export function windowsOf(documents: readonly WindowDocument[] | undefined): WindowSpec[] {
  return (documents ?? []).map((w) => ({
    kind: w.kind,
    schedule: w.schedule.trim(),
    durationMs: parseDuration(w.duration) ?? 0,
    timezone: canonicalZone(w.timezone) ?? w.timezone,
  }));
}
