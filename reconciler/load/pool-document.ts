// The shape of a Pool document once it has passed the JSON Schema.
import type { TargetBase } from '../drivers/descriptor.ts';
import type { DrainMethod, LoadBalancing, Mode } from '../model.ts';

/** A target as written: its driver's name and that driver's fields (drivers/registry.ts knows them). */
export type TargetDocument = TargetBase & Record<string, unknown>;

/** A server entry: shorthand mode or the full form. */
export type ServerEntry =
  | Mode
  | { mode: Mode; reason?: string; services?: Record<string, Mode>; upgradeDomain?: string };

/** A schema-valid Pool document, as written (before defaults). */
export interface PoolDocument {
  apiVersion: 'quiesce/v1';
  kind: 'Pool';
  metadata: { name: string };
  spec: {
    target: TargetDocument | TargetDocument[];
    loadBalancing: LoadBalancing;
    services: string[];
    budget?: {
      maxUnavailable?: number | string;
      minActive?: number | string;
      quorum?: 'lync2013' | 'sfb2015' | 'sfb2019';
    };
    drain?: {
      timeout?: string;
      allowSessionLoss?: boolean;
      onTimeout?: 'wait' | 'stop';
      method?: DrainMethod;
    };
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
