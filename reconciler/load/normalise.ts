// Fills in defaults and expands shorthand: a schema-valid document becomes a PoolSpec.
import { driverOf } from '../drivers/registry.ts';
import { parseDuration } from '../duration.ts';
import type {
  Budget,
  Count,
  Mode,
  PoolSpec,
  ServerSpec,
  ServiceSpec,
  Source,
  TargetSpec,
  UnitSpec,
} from '../model.ts';
import { maintenanceOf, windowsOf } from './maintenance-spec.ts';
import type { PoolDocument, TargetDocument } from './pool-document.ts';
import { caseless, spellings } from './service-names.ts';

/**
 * A null-prototype record of the entries, each key written as declared (names ignore case), so that a name
 * such as `constructor` is never read from Object.prototype.
 */
function byDeclaredName<T>(
  entries: Record<string, T> | undefined,
  declared: Map<string, string>,
): Record<string, T> {
  const record: Record<string, T> = Object.create(null);
  for (const [key, value] of Object.entries(entries ?? {})) {
    record[declared.get(caseless(key)) ?? key] = value;
  }
  return record;
}

/** Default drain timeout when the pool sets none. */
export const DEFAULT_DRAIN_TIMEOUT = '2h';

/** The default budget: one server out at a time. */
export const DEFAULT_BUDGET: Budget = {
  kind: 'maxUnavailable',
  count: { kind: 'absolute', value: 1 },
};

function count(value: number | string): Count {
  return typeof value === 'number'
    ? { kind: 'absolute', value }
    : { kind: 'percent', value: Number(value.slice(0, -1)) };
}

/** The budget a document states, or the default. */
export function budgetOf(spec: PoolDocument['spec']['budget']): Budget {
  if (spec?.maxUnavailable !== undefined)
    return { kind: 'maxUnavailable', count: count(spec.maxUnavailable) };
  if (spec?.minActive !== undefined) return { kind: 'minActive', count: count(spec.minActive) };
  if (spec?.quorum !== undefined) return { kind: 'quorum', preset: spec.quorum };
  return DEFAULT_BUDGET;
}

/** A target with its defaults filled in by its driver; map keys spelt as the pool declares the names. */
function target(
  doc: TargetDocument,
  services: Map<string, string>,
  hosts: Map<string, string>,
): TargetSpec {
  return driverOf(doc).normalise(doc, {
    services: (entries) => byDeclaredName(entries, services),
    servers: (entries) => byDeclaredName(entries, hosts),
  });
}

/** The PoolSpec for a document declared at `source`. Timeout validity is checked by the caller. */
export function normalise(document: PoolDocument, source: Source): PoolSpec {
  const { spec } = document;
  const services = spellings(spec.services);
  const hosts = spellings(Object.keys(spec.servers));
  const targets: TargetSpec[] = (Array.isArray(spec.target) ? spec.target : [spec.target]).map(
    (doc) => target(doc, services, hosts),
  );
  // Load-balancer units first: drains start there, resumes end there (the planner orders the steps).
  const units: UnitSpec[] = [
    ...targets.flatMap((t, target) =>
      (driverOf(t).backends?.(t) ?? []).map((b) => ({
        name: `${t.driver}:${b}`,
        role: 'loadBalancer' as const,
        target,
      })),
    ),
    ...spec.services.map((name) => ({ name, role: 'services' as const })),
  ];
  const uniform = (mode: Mode): readonly ServiceSpec[] =>
    Object.freeze(units.map(({ name }) => Object.freeze({ name, mode })));
  // Servers without overrides share one frozen list per mode.
  const shared = { active: uniform('active'), draining: uniform('draining') };
  const servers: ServerSpec[] = [];
  for (const [name, entry] of Object.entries(spec.servers)) {
    if (typeof entry === 'string') {
      servers.push({ name, mode: entry, reason: null, services: shared[entry] });
      continue;
    }
    // Overrides by lower-case service name: `rtcsrv: active` overrides RTCSRV.
    const overrides =
      entry.services === undefined
        ? undefined
        : new Map(
            Object.entries(entry.services).map(([service, mode]) => [caseless(service), mode]),
          );
    servers.push({
      name,
      mode: entry.mode,
      reason: entry.reason ?? null,
      ...(entry.upgradeDomain === undefined ? {} : { upgradeDomain: entry.upgradeDomain }),
      services:
        overrides === undefined
          ? shared[entry.mode]
          : units.map(({ name: unit }) => ({
              name: unit,
              mode: overrides.get(caseless(unit)) ?? entry.mode,
            })),
    });
  }
  return {
    name: document.metadata.name,
    source,
    targets,
    loadBalancing: spec.loadBalancing,
    services: spec.services,
    units,
    budget: budgetOf(spec.budget),
    drain: {
      timeoutMs: parseDuration(spec.drain?.timeout ?? DEFAULT_DRAIN_TIMEOUT) ?? 0,
      allowSessionLoss: spec.drain?.allowSessionLoss ?? false,
      onTimeout: spec.drain?.onTimeout ?? 'wait',
      // Absent means pause: pools that never name a method stay as they were.
      ...(spec.drain?.method === undefined ? {} : { method: spec.drain.method }),
    },
    servers,
    suspend: spec.suspend ?? false,
    maintenance: maintenanceOf(
      spec.maintenance,
      servers.map((server) => server.name),
    ),
    windows: windowsOf(spec.windows),
  };
}
