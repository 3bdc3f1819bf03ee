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
  | { kind: 'quorum'; preset: 'lync2013' };

/** Where something was declared, for messages that point at the YAML. */
export interface Source {
  file: string;
  line: number;
  column: number;
}

/** A driver that reads and changes actual state for a pool. */
export interface TargetSpec {
  driver: 'simulated';
}

/** One managed service on one server, with the mode it should be in. */
export interface ServiceSpec {
  name: string;
  mode: Mode;
}

/** One server of a pool as declared, with every managed service's effective mode (pool order). */
export interface ServerSpec {
  name: string;
  mode: Mode;
  reason: string | null;
  services: readonly ServiceSpec[];
}

/** One pool as declared, defaults filled in, servers in declaration order. */
export interface PoolSpec {
  name: string;
  source: Source;
  targets: TargetSpec[];
  loadBalancing: LoadBalancing;
  services: string[];
  budget: Budget;
  drain: { timeoutMs: number; allowSessionLoss: boolean };
  servers: ServerSpec[];
  /** Skipped entirely: not observed, not changed, reported as suspended. */
  suspend: boolean;
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
  /** When the service entered its current status (ms since epoch), when known. */
  since: number | null;
}

/** A step quiesce can run on one service. */
export type Action = 'set-startup-type' | 'pause' | 'resume' | 'start';

/** One step with its argument. */
export type Step =
  | { action: 'set-startup-type'; startType: StartType }
  | { action: 'pause' | 'resume' | 'start' };

/** A service's status and startup type, before or after a change. */
export interface ServiceState {
  status: ServiceStatus;
  startType: StartType | null;
}

/** What a driver saw of one server: every managed service, or why it could not be read. */
export type ServerObservation =
  | { ok: true; services: ServiceObservation[] }
  | { ok: false; error: import('./errors.ts').DriverError };

/** Observations by pool name, then server name. */
export type Observations = Map<string, Map<string, ServerObservation>>;
