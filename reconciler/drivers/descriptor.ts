// What a driver tells the rest of quiesce about itself: one descriptor per driver, listed in registry.ts.
import type { Result } from 'neverthrow';
import type { Finding } from '../doctor-finding.ts';
import type { LoadIssueCode } from '../errors.ts';
import type { PoolSpec, TargetSpec, UnitRole } from '../model.ts';
import type { Driver } from './driver.ts';

/** What every target has, as written and as normalised: the name of its driver. */
export interface TargetBase {
  driver: string;
}

/** A JSON Schema object (draft 2020-12), as it stands in schemas/pool.schema.json. */
export type JsonSchema = Record<string, unknown>;

/**
 * The driver's part of the Pool schema: `target` becomes `$defs/<name>Target`, `defs` more `$defs`. They may
 * `$ref` the schema's shared definitions (hostName, serviceName, duration).
 */
export interface TargetSchema {
  target: JsonSchema;
  defs?: Record<string, JsonSchema>;
}

/** What a normalise is given: map keys naming services or servers, spelt as the pool declares those names. */
export interface DeclaredNames {
  /** The entries with each key spelt as the pool's `services` (names ignore case); a null-prototype record. */
  services<V>(entries: Record<string, V> | undefined): Record<string, V>;
  /** The same for keys naming the pool's servers. */
  servers<V>(entries: Record<string, V> | undefined): Record<string, V>;
}

/** How to report keys of a target's map that must name a service or server of the pool. */
export interface KeyRule {
  /** JSON pointer of the map. */
  at: string;
  /** What an entry is, for the duplicate message ("sessions counter for"). */
  what: string;
  /** The code of a key that names nothing declared. */
  unknown: LoadIssueCode;
  message(key: string): string;
  /** The hint when no declared name is close to the key. */
  otherwise: string;
}

/** What the loader gives a driver to check a schema-valid target, placing issues in the YAML. */
export interface TargetChecks {
  /** The pool's name. */
  pool: string;
  /** JSON pointer of this target (`/spec/target` or `/spec/target/1`). */
  at: string;
  /** Records an issue at a JSON pointer (`key`: at the mapping key rather than its value). */
  report(
    code: LoadIssueCode,
    pointer: string,
    key: boolean,
    message: string,
    hint: string | null,
  ): void;
  /** Reports keys that name none of the pool's services (or servers), or one twice in different cases. */
  names(of: 'services' | 'servers', keys: string[], rule: KeyRule): void;
  /** A key or value for a message, as the loader writes them (clipped, in backticks). */
  quote(value: unknown): string;
}

/** The gates a driver can answer when asked before a drain. */
export type DriverGate = 'lync2013-readiness' | 'lync-fabric';

/** One upgrade domain of a readiness answer: its name, ReadyForUpgrade (null when not said), its Front Ends. */
export interface UpgradeDomainReply {
  name: string;
  ready: boolean | null;
  servers: string[];
}

/** What the pool's readiness cmdlet answered: which cmdlet, PoolUpgradeState, and its upgrade domains. */
export interface ReadinessReply {
  cmdlet: string;
  state: string;
  domains: UpgradeDomainReply[];
}

/** What Get-CsPoolFabricState -PoolFqdn answered: the lines reporting missing replicas (none: no replica missing). */
export interface FabricReply {
  missing: string[];
}

/** How a driver answers a gate, and how messages say so. */
export interface GateAnswer<D> {
  /** Whether this target can answer (absent: always). */
  when?(doc: D): boolean;
  /** Who answers, for the message of a pool that has no such driver ("the windows driver over ssh or cim"). */
  as: string;
  /** Named last, in parentheses (a stand-in such as the simulated driver). */
  aside?: boolean;
  /** What to change in a target that cannot ("use via: ssh or via: cim"). */
  hint?: string;
}

/** What a driver is opened with besides its target. */
export interface DriverContext {
  pool: PoolSpec;
  stateDir: string;
  /** Mean simulated session lifetime in seconds (QUIESCE_SIM_SESSION_SECONDS). */
  sessionSeconds: number;
  /** The one clock (QUIESCE_CLOCK_OFFSET_MS included): the simulated fleet stamps its changes with it. */
  now: () => number;
  /** Prints what a driver says besides results (a missing session counter). */
  warn(message: string): void;
}

/** What a doctor check is given besides the target: the pool and the one clock (for clock skew). */
export interface DoctorContext {
  pool: PoolSpec;
  now: () => number;
}

/**
 * One driver: its name and role, its schema fragment, how a written target becomes its TargetSpec (and what
 * is wrong with one), how it is opened, and the gates it answers. `T` is its target, `D` the target as written.
 */
export interface DriverDescriptor<
  T extends TargetBase = TargetSpec,
  D extends TargetBase = TargetBase,
> {
  /** The `driver:` value. */
  name: T['driver'];
  /** The pool's one services driver, or one of its load balancers. */
  role: UnitRole;
  /** Kept across watch rounds while its target is unchanged (its sessions live on). */
  keep: boolean;
  /** What it drives, for the schema's `driver` description ("haproxy: drain and ready servers …"). */
  summary: string;
  /** What it is in prose, for messages ("HAProxy": "if the pool sits behind HAProxy"). */
  title: string;
  /** The JSON Schema of its target fields. */
  schema: TargetSchema;
  /** A schema-valid target with its defaults filled in. */
  normalise(doc: D, names: DeclaredNames): T;
  /** Problems of a schema-valid target the schema cannot see (unknown names, zero durations). */
  check?(doc: D, checks: TargetChecks): void;
  /** A load balancer's backends: each is a unit `<name>:<backend>` on every server. */
  backends?(target: T): readonly string[];
  /** How a target is named in messages (`windows via sc`); absent: the driver's name. */
  label?(doc: D): string;
  /** The gates this driver answers, checked when the desired state is loaded. */
  answers?: { [G in DriverGate]?: GateAnswer<D> };
  open(target: T, context: DriverContext): Driver;
  /** Asks the pool's upgrade readiness for the lync2013-readiness gate before `server` drains; absent: cannot. */
  readiness?(
    target: T,
    pool: PoolSpec,
    server: string,
    stateDir: string,
  ): Promise<Result<ReadinessReply, string>>;
  /** Asks Get-CsPoolFabricState -PoolFqdn `pool.lync.pool` for the lync-fabric gate; absent: cannot. */
  fabric?(
    target: T,
    pool: PoolSpec,
    server: string,
    stateDir: string,
  ): Promise<Result<FabricReply, string>>;
  /**
   * Read-only checks of every server of the pool before any apply (reachable, services, counters, rights, …):
   * one finding per check, never a change. Absent: the driver has nothing to check.
   */
  doctor?(target: T, context: DoctorContext): Promise<Finding[]>;
}
