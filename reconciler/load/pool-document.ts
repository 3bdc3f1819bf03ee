// The shape of a Pool document once it has passed the JSON Schema.
import type { LoadBalancing, Mode } from '../model.ts';

/** A target as written (haproxy's `servers` map is optional). */
export type TargetDocument =
  | { driver: 'simulated' }
  | {
      driver: 'windows';
      via?: 'ssh' | 'cim' | 'sc';
      user?: string;
      port?: number;
      identityFile?: string;
      knownHostsFile?: string;
      connectTimeout?: string;
      sessions?: string | Record<string, string | string[]>;
    }
  | { driver: 'haproxy'; socket: string; backends: string[]; servers?: Record<string, string> };

/** A server entry: shorthand mode or the full form. */
export type ServerEntry = Mode | { mode: Mode; reason?: string; services?: Record<string, Mode> };

/** A schema-valid Pool document, as written (before defaults). */
export interface PoolDocument {
  apiVersion: 'quiesce/v1';
  kind: 'Pool';
  metadata: { name: string };
  spec: {
    target: TargetDocument | TargetDocument[];
    loadBalancing: LoadBalancing;
    services: string[];
    budget?: { maxUnavailable?: number | string; minActive?: number | string; quorum?: 'lync2013' };
    drain?: { timeout?: string; allowSessionLoss?: boolean };
    servers: Record<string, ServerEntry>;
    suspend?: boolean;
    maintenance?: MaintenanceDocument;
    windows?: WindowDocument[];
  };
}

/** `spec.maintenance` as written. */
export interface MaintenanceDocument {
  id: string;
  servers: 'all' | string[];
  run: string[];
  timeout?: string;
  settle?: string;
  gates?: ('lync2013-readiness' | { command: string[] })[];
}

/** One of `spec.windows` as written. */
export interface WindowDocument {
  kind: 'allow' | 'deny';
  schedule: string;
  duration: string;
  timezone: string;
}
