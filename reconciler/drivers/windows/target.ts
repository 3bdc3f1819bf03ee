// The windows driver's target, as written and as normalised, and where its session counts come from.

/**
 * `lync` (every Lync / Skype for Business service its preset), or per service a preset name (`lync-mediation`),
 * a counter path (`\\LS:…`), or several paths whose values are summed.
 */
export type SessionCounters = string | Record<string, string | string[]>;

/** `driver: windows`: real Windows servers, their defaults filled in. */
export interface WindowsTarget {
  driver: 'windows';
  /** ssh: OpenSSH + PowerShell on the server; cim: local powershell.exe -ComputerName; sc: sc.exe \\server. */
  via: 'ssh' | 'cim' | 'sc';
  user: string | null;
  port: number | null;
  identityFile: string | null;
  knownHostsFile: string | null;
  connectTimeoutMs: number;
  /** Where each service's open sessions come from: a preset, or per service a preset or counter paths. */
  sessions: SessionCounters;
}

/** A windows target as written (before defaults). */
export interface WindowsTargetDocument {
  driver: 'windows';
  via?: 'ssh' | 'cim' | 'sc';
  user?: string;
  port?: number;
  identityFile?: string;
  knownHostsFile?: string;
  connectTimeout?: string;
  sessions?: string | Record<string, string | string[]>;
}

declare module '../../model.ts' {
  /** `driver: windows` is a driver. */
  interface TargetSpecs {
    windows: WindowsTarget;
  }
}
