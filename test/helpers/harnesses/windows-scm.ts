// The Windows SCM double: a world file that the PowerShell module reads and writes, and the real pwsh behind a
// stand-in powershell.exe. Tests that need pwsh fail loudly when it is missing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { tempTree } from '../builders/temp-tree.ts';

/** The stand-in powershell.exe: the real pwsh with the SCM double auto-loaded (and as sshd's ForceCommand). */
export const POWERSHELL = resolve('test/fixtures/windows-scm/powershell.exe');

/** The real pwsh (PATH, then ~/.dotnet/tools); throws when there is none, so no test passes without it. */
export function requirePwsh(): string {
  const candidates = [
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'pwsh')),
    join(homedir(), '.dotnet', 'tools', 'pwsh'),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined)
    throw new Error(
      'pwsh is not installed: run `dotnet tool install --global PowerShell --version 7.6.9` (.ci/run does)',
    );
  return found;
}

/** One service as Win32_Service reports it (plus the double's switches). */
export interface ScmService {
  State: string;
  StartMode: string;
  AcceptPause: boolean;
  DelayedAutoStart?: boolean;
  /** Controls pass through their pending state, settling at the next read. */
  Pending?: boolean;
  AccessDenied?: boolean;
}

/** What the double serves; see WindowsScm.psm1. */
export interface ScmWorld {
  computer?: string | null;
  services: Record<string, ScmService>;
  counters?: Record<string, number | number[]>;
  events?: { time: string; service: string; state: number }[];
  /** What the Lync double's Get-CsPoolUpgradeReadinessState answers (see Lync.psm1). */
  readiness?: {
    state?: string;
    shape?: 'pool' | 'none' | 'empty';
    fail?: string;
    /** Its upgrade domains (default: one, fe01.contoso.com, ReadyForUpgrade when Ready). */
    domains?: { name: string; ready: boolean; frontEnds: string[] }[];
  };
  /** What the Lync double's Get-CsPoolFabricState answers (see Get-CsPoolFabricState.ps1). */
  fabric?: { pool?: string; missing?: number; shape?: 'lines' | 'empty'; fail?: string };
  /** Only WinRM reaches the computer: Get-Counter/Get-WinEvent -ComputerName and sc.exe \\\\server fail (RPC). */
  rpcBlocked?: boolean;
  /** false: the server has no Lync module (the stand-in leaves the double off PSModulePath). */
  lync?: boolean;
  /** What the Lync double's Get-CsWindowsService reports as ActivityLevel, per service (see its file). */
  activity?: Record<string, string>;
  /** Get-CsWindowsService throws this message. */
  activityFail?: string;
  [key: string]: unknown;
}

/** The pids a double logged to `path`, one a line. */
const pids = (path: string): number[] =>
  existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map(Number) : [];

/** A world file in a temp folder, and the processes the stand-in started for it. */
export function scmWorld(world: ScmWorld) {
  const path = join(tempTree({}), 'world.json');
  writeFileSync(path, JSON.stringify(world));
  return {
    path,
    read: (): ScmWorld => JSON.parse(readFileSync(path, 'utf8')),
    write: (next: ScmWorld) => writeFileSync(path, JSON.stringify(next)),
    /** pids of the PowerShell processes started so far. */
    starts: (): number[] => pids(`${path}.starts`),
    /** Get-Counter calls so far, each as its paths ('|'-joined). */
    samples: (): string[] =>
      existsSync(`${path}.samples`)
        ? readFileSync(`${path}.samples`, 'utf8').trim().split('\n').filter(Boolean)
        : [],
    /** The names Get-CsWindowsService was asked for, one per call (* for all). */
    activityAsks: (): string[] =>
      existsSync(`${path}.cswindowsservice`)
        ? readFileSync(`${path}.cswindowsservice`, 'utf8').trim().split('\n').filter(Boolean)
        : [],
    /** pids of the PowerShell processes that called Get-CsPoolUpgradeReadinessState, one per call. */
    asks: (): number[] => pids(`${path}.asks`),
    /** The Lync double's cmdlets called (readiness: which of the two; fabric: the -PoolFqdn asked), in order. */
    lines: (log: 'cmdlets' | 'fabric'): string[] =>
      existsSync(`${path}.${log}`)
        ? readFileSync(`${path}.${log}`, 'utf8').trim().split('\n').filter(Boolean)
        : [],
  };
}

/** A world for the local stand-in: written, and named in QUIESCE_SCM_WORLD for the PowerShell started next. */
export function localWorld(world: ScmWorld) {
  const scm = scmWorld(world);
  process.env.QUIESCE_SCM_WORLD = scm.path;
  return scm;
}

/** A `via: cim` windows target (no session counters). */
export const CIM_TARGET = {
  driver: 'windows' as const,
  via: 'cim' as const,
  user: null,
  port: null,
  identityFile: null,
  knownHostsFile: null,
  connectTimeoutMs: 5000,
  sessions: {},
};

/** Lync services as a Front End shows them. */
export const LYNC_SERVICES = (): Record<string, ScmService> => ({
  RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true },
  RTCMEDSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true },
  RTCATS: { State: 'Running', StartMode: 'Auto', AcceptPause: false },
});

/** Whether a process (a PowerShell the stand-in started) still runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether every process in `pids` has ended within `ms` (polled: a killed process takes a moment to go). */
export async function ended(pids: number[], ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !pids.some(alive);
}
