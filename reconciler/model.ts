// Domain types shared by every layer: desired state as the loader hands it on.

/** Whether a server (or one of its services) is in rotation or being taken out of it. */
export type Mode = 'active' | 'draining';

/** How a pool spreads new connections; decides which features survive a drain. */
export type LoadBalancing = 'dns' | 'hardware' | 'none';

/** A whole number of servers, or a percentage of the pool's servers. */
export type Count = { kind: 'absolute'; value: number } | { kind: 'percent'; value: number };

/** The pool's safety budget: the one rule that limits how many servers may be out at once. */
export type Budget =
  | { kind: 'maxUnavailable'; count: Count }
  | { kind: 'minActive'; count: Count }
  | { kind: 'quorum'; preset: 'lync2013' | 'sfb2015' | 'sfb2019' };

/** Where something was declared, for messages that point at the YAML. */
export interface Source {
  file: string;
  line: number;
  column: number;
}

/** The drivers there are: each driver folder adds its target type under its name (drivers/registry.ts lists them). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging, one member per driver
export interface TargetSpecs {}

/** A driver that reads and changes actual state for a pool: the services layer or a load balancer. */
export type TargetSpec = TargetSpecs[keyof TargetSpecs];

/** What a unit is: a service on the server, or the server's place in a load-balancer backend. */
export type UnitRole = 'services' | 'loadBalancer';

/**
 * One unit managed on every server of a pool: a service (`RTCSRV`), run by the pool's services driver, or a
 * load-balancer backend (named `<driver>:<backend>`, `haproxy:be_web`), run by the balancer at index `target`
 * of the pool's `targets`.
 */
export type UnitSpec =
  | { name: string; role: 'services' }
  | { name: string; role: 'loadBalancer'; target: number };

/** The names of a pool's units, in the order they are observed. */
export const unitNames = (pool: Pick<PoolSpec, 'units'>): string[] =>
  pool.units.map((unit) => unit.name);

/** One managed service on one server, with the mode it should be in. */
export interface ServiceSpec {
  name: string;
  mode: Mode;
}

/** One server of a pool as declared, with every unit's effective mode (the pool's `units` order). */
export interface ServerSpec {
  name: string;
  mode: Mode;
  reason: string | null;
  services: readonly ServiceSpec[];
  /** The Lync upgrade domain the server belongs to (`upgradeDomain:`), or absent. */
  upgradeDomain?: string;
}

/**
 * How a drain takes a service out of rotation: `pause` (startup type Manual, then pause: the Lync Server 2013
 * article's way), `graceful-stop` (Manual, then `Stop-CsWindowsService -Graceful`: new requests refused, stopped
 * when the last ends) or `failover` (Skype for Business Server 2015/2019: `Invoke-CsComputerFailOver` takes the
 * whole computer out; its return is `Invoke-CsComputerFailBack`).
 */
export type DrainMethod = 'pause' | 'graceful-stop' | 'failover';

/** One pool as declared, defaults filled in, servers in declaration order. */
export interface PoolSpec {
  name: string;
  source: Source;
  targets: TargetSpec[];
  loadBalancing: LoadBalancing;
  /** Windows services managed on every server. */
  services: string[];
  /** Everything observed per server: load-balancer units first, then services. */
  units: UnitSpec[];
  budget: Budget;
  /**
   * `onTimeout`: what a drain older than `timeoutMs` gets: `wait` (absent: Stalled, and it waits) or `stop` (the
   * service is stopped: the server is out already, so it uses no more budget).
   */
  drain: {
    timeoutMs: number;
    allowSessionLoss: boolean;
    onTimeout?: 'wait' | 'stop';
    /** How a service is taken out (absent: `pause`); see DrainMethod. */
    method?: DrainMethod;
  };
  servers: ServerSpec[];
  /** Skipped entirely: not observed, not changed, reported as suspended. */
  suspend: boolean;
  /** A round of the pool's servers through drain → hook → return (absent or null: none). */
  maintenance?: MaintenanceSpec | null;
  /** When drains may start (absent or empty: always). */
  windows?: readonly WindowSpec[];
}

/** A maintenance window: a cron schedule in an IANA time zone, open for `durationMs` from each occurrence. */
export interface WindowSpec {
  kind: 'allow' | 'deny';
  /** Five cron fields (minute hour day-of-month month day-of-week), evaluated in `timezone`. */
  schedule: string;
  durationMs: number;
  timezone: string;
}

/** A check run before each new drain of a round. */
export type GateSpec =
  | { kind: 'lync2013-readiness' }
  | { kind: 'command'; argv: readonly string[] };

/** `spec.maintenance`: roll these servers through drain → hook → return, one round per `id`. */
export interface MaintenanceSpec {
  id: string;
  /** The servers of the round, in the pool's declaration order (`all` expanded). */
  servers: readonly string[];
  /** The hook: argv on the machine running quiesce; `{server}` is replaced by the server name. */
  run: readonly string[];
  /** How long the hook may run on one server. */
  timeoutMs: number;
  /** After a server is back, how long before the next drain starts. */
  settleMs: number;
  gates: readonly GateSpec[];
}

/** Which revision of the desired state something reflects: `main@sha1:…`, `HEAD@sha1:…+dirty`, `dir@sha256:…`. */
export interface Revision {
  id: string;
  author: string | null;
  subject: string | null;
}

/** Everything the operator declared, valid as a whole. */
export interface DesiredState {
  pools: PoolSpec[];
  files: string[];
  /** `kind: Notification` documents (absent = none). */
  notifications?: NotificationSpec[];
}

/** Run status of a Windows service, as the Service Control Manager reports it. */
export type ServiceStatus =
  | 'Running'
  | 'Paused'
  | 'Stopped'
  | 'StartPending'
  | 'StopPending'
  | 'PausePending'
  | 'ContinuePending';

/** Startup type of a Windows service. */
export type StartType = 'Automatic' | 'AutomaticDelayed' | 'Manual' | 'Disabled';

/** What a driver saw of one service on one server. */
export interface ServiceObservation {
  name: string;
  status: ServiceStatus;
  /** null for drivers without startup types. */
  startType: StartType | null;
  canPause: boolean;
  /** Open sessions, or null when unknown. */
  sessions: number | null;
  /**
   * When the service entered its current status (ms since epoch), when known. The windows driver reads it for a
   * Paused service from SCM event 7036, so a drain begun by hand is adopted with its real start (health Stalled).
   */
  since: number | null;
  /**
   * Filled in from the service's drain record (never by a driver): the startup type its return puts back; null
   * when the record does not know it (a drain made by hand: Automatic). Absent: no drain record.
   */
  restore?: StartType | null;
  /**
   * Why the session count could not be read, when the driver has counters for this service but reading them
   * failed: sessions are unknown and never count as zero or done (health Draining, a CountersUnreadable error).
   */
  sessionsUnreadable?: string;
  /** Set by load balancers when health checks say the server is down (health Degraded). */
  down?: boolean;
  /**
   * Information, never a drain condition: signed-in clients' SIP connections and registered endpoints (a Front
   * End keeps them while clients are signed in), when the driver reads them.
   */
  clients?: number;
  registered?: number;
}

/** A step quiesce can run on one service. */
export type Action =
  | 'set-startup-type'
  | 'pause'
  | 'resume'
  | 'start'
  | 'stop'
  | 'graceful-stop'
  | 'failover'
  | 'failback';

/** The steps that take a service out of rotation (a drain's policy is asked before any of them runs). */
export const DRAIN_ACTIONS: readonly Action[] = ['pause', 'graceful-stop', 'failover'];

/** One step with its argument. */
export type Step =
  | { action: 'set-startup-type'; startType: StartType }
  | { action: 'pause' | 'resume' | 'start' | 'stop' }
  /** drain.method's Lync steps: `Stop-CsWindowsService -Graceful`, `Invoke-CsComputerFailBack` (the computer). */
  | { action: 'graceful-stop' | 'failback' }
  /** The whole computer out (`Invoke-CsComputerFailOver`), waiting at most `waitMs` (`-WaitTime`: drain.timeout). */
  | { action: 'failover'; waitMs: number };

/** The steps a Service Control Manager runs itself (drain.method's Lync steps aside). */
export type ServiceControl = Exclude<Step, { action: 'graceful-stop' | 'failover' | 'failback' }>;

/** A service's status and startup type, before or after a change. */
export interface ServiceState {
  status: ServiceStatus;
  startType: StartType | null;
}

/** What a driver saw of one server: every managed service, or why it could not be read. */
export type ServerObservation =
  | {
      ok: true;
      services: ServiceObservation[];
      /** Units the server lacks (NotFound), with the driver's words: only these are marked, not the server. */
      missing?: { service: string; message: string }[];
    }
  | { ok: false; error: import('./errors.ts').DriverError };

/** Observations by pool name, then server name. */
export type Observations = Map<string, Map<string, ServerObservation>>;

/** What a Notification document can be told about (docs/design.md §10). */
export type NotificationReason =
  | 'Drained'
  | 'Stalled'
  | 'Blocked'
  | 'HookFailed'
  | 'MaintenanceDone'
  | 'ValidationFailed'
  | 'DriverErrors'
  | 'Recovered';

/** The formats there are: each file of notify/formats/ adds its name (the registry there lists them). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging, one member per format
export interface NotificationFormats {}

/** The payload a webhook expects: one of the notification format registry's names. */
export type NotificationFormat = keyof NotificationFormats;

/** A `kind: Notification` document: which events go where; the URL itself stays in the environment. */
export interface NotificationSpec {
  name: string;
  source: Source;
  events: NotificationReason[];
  /** Only these pools' events (events about no pool, such as ValidationFailed, always pass); null = all. */
  pools: string[] | null;
  format: NotificationFormat;
  /** Name of the environment variable holding the webhook URL (`urlFrom: env:NAME`). */
  urlEnv: string;
}
