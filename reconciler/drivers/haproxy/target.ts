// The haproxy driver's target, as written and as normalised.

/** `driver: haproxy`: a load balancer's runtime API and the backends the pool's servers serve in. */
export interface HaproxyTarget {
  driver: 'haproxy';
  /** Unix socket path, or tcp://127.0.0.1:PORT. */
  socket: string;
  backends: string[];
  /** Pool server name → HAProxy server name, where they differ. */
  servers: Record<string, string>;
}

/** A haproxy target as written (the `servers` map is optional). */
export interface HaproxyTargetDocument {
  driver: 'haproxy';
  socket: string;
  backends: string[];
  servers?: Record<string, string>;
}

declare module '../../model.ts' {
  /** `driver: haproxy` is a driver. */
  interface TargetSpecs {
    haproxy: HaproxyTarget;
  }
}
