// Builds desired states and observations for planner tests without YAML.
import type {
  Budget,
  DesiredState,
  LoadBalancing,
  Mode,
  Observations,
  PoolSpec,
  ServerObservation,
  ServiceObservation,
} from '../../../reconciler/model.ts';

/** A pool of servers (name → mode) managing `services`. */
export function pool(
  name: string,
  servers: Record<string, Mode>,
  options: {
    budget?: Budget;
    services?: string[];
    loadBalancing?: LoadBalancing;
    allowSessionLoss?: boolean;
  } = {},
): PoolSpec {
  const services = options.services ?? ['RTCSRV'];
  return {
    name,
    source: { file: `${name}.yaml`, line: 1, column: 1 },
    targets: [{ driver: 'simulated' }],
    loadBalancing: options.loadBalancing ?? 'dns',
    services,
    units: services.map((name) => ({ name, role: 'services' as const })),
    budget: options.budget ?? { kind: 'maxUnavailable', count: { kind: 'absolute', value: 1 } },
    drain: { timeoutMs: 60_000, allowSessionLoss: options.allowSessionLoss ?? false },
    suspend: false,
    servers: Object.entries(servers).map(([server, mode]) => ({
      name: server,
      mode,
      reason: null,
      services: services.map((s) => ({ name: s, mode })),
    })),
  };
}

/** A service observation; Running, Automatic, pausable, no sessions unless overridden. */
export function seen(name: string, over: Partial<ServiceObservation> = {}): ServiceObservation {
  return {
    name,
    status: 'Running',
    startType: 'Automatic',
    canPause: true,
    sessions: 0,
    since: 0,
    ...over,
  };
}

/** Observations where every server runs every service as `seen` would, with per-server overrides. */
export function observe(
  pools: PoolSpec[],
  over: Record<string, Partial<ServiceObservation> | 'unreachable'> = {},
): Observations {
  return new Map(
    pools.map((p) => [
      p.name,
      new Map<string, ServerObservation>(
        p.servers.map((s): [string, ServerObservation] => {
          const o = over[s.name];
          if (o === 'unreachable')
            return [
              s.name,
              {
                ok: false as const,
                error: { kind: 'Unreachable' as const, transient: true, message: 'no answer' },
              },
            ];
          return [s.name, { ok: true as const, services: p.services.map((name) => seen(name, o)) }];
        }),
      ),
    ]),
  );
}

/** A desired state of these pools. */
export const desired = (...pools: PoolSpec[]): DesiredState => ({ pools, files: [] });

/** `n` servers s1..sn all active, except those listed as draining. */
export function servers(n: number, draining: number[] = []): Record<string, Mode> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `s${i + 1}`,
      draining.includes(i + 1) ? 'draining' : 'active',
    ]),
  );
}
