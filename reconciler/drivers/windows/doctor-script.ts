// The doctor's PowerShell script (read-only: queries only, Windows PowerShell 3.0 syntax) and the parse of its
// answer; pure.

import { LYNC_MODULE_PATHS } from './lync-module.ts';
import { counterTable, psArray, psString } from './powershell.ts';

/**
 * SERVICE_QUERY_CONFIG | SERVICE_CHANGE_CONFIG | SERVICE_START | SERVICE_PAUSE_CONTINUE: what quiesce's steps
 * need ("Service Security and Access Rights", learn.microsoft.com/windows/win32/services). OpenService with
 * these as the desired access answers ERROR_ACCESS_DENIED (5) when the caller lacks one ("OpenServiceW
 * function (winsvc.h)"); opening a handle changes nothing, and it is closed at once.
 */
export const SERVICE_RIGHTS = 0x0001 | 0x0002 | 0x0010 | 0x0040;

/** Asks the local Service Control Manager (SC_MANAGER_CONNECT) whether this account may change a service. */
const SCM_ACCESS_CS = `using System; using System.Runtime.InteropServices;
namespace Quiesce { public static class ScmAccess {
  [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)] static extern IntPtr OpenSCManager(string machine, string database, uint access);
  [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)] static extern IntPtr OpenService(IntPtr manager, string name, uint access);
  [DllImport("advapi32.dll", SetLastError = true)] static extern bool CloseServiceHandle(IntPtr handle);
  public static int Check(string name) {
    IntPtr manager = OpenSCManager(null, null, 0x0001);
    if (manager == IntPtr.Zero) return Marshal.GetLastWin32Error();
    try {
      IntPtr service = OpenService(manager, name, ${SERVICE_RIGHTS});
      if (service == IntPtr.Zero) return Marshal.GetLastWin32Error();
      CloseServiceHandle(service);
      return 0;
    } finally { CloseServiceHandle(manager); }
  }
} }`;

/**
 * The server's own facts: the PowerShell version, the clock, the Lync module, and per service the rights
 * quiesce's steps need. The rights are asked
 * through Test-QuiesceServiceAccess, defined here unless one is already loaded (the tests' SCM double
 * supplies one, as it stands in for the Service Control Manager).
 */
function serverBlock(services: readonly string[]): string[] {
  return [
    '$qzServer = {',
    "  $ErrorActionPreference = 'Stop'",
    "  $o = @{ PSVersion = [string]$PSVersionTable.PSVersion; Utc = [DateTime]::UtcNow.ToString('o'); Lync = $false; Access = @() }",
    "  if ($null -ne (Get-Command -Name 'Get-CsPoolUpgradeReadinessState', 'Get-CsUpgradeDomainInfo' -ErrorAction SilentlyContinue)) { $o.Lync = $true }",
    '  elseif ($env:CommonProgramFiles) {',
    `    foreach ($p in ${psArray(LYNC_MODULE_PATHS)}) { if (Test-Path -LiteralPath (Join-Path $env:CommonProgramFiles $p)) { $o.Lync = $true } }`,
    '  }',
    '  if ($null -eq (Get-Command -Name Test-QuiesceServiceAccess -ErrorAction SilentlyContinue)) {',
    '    function Test-QuiesceServiceAccess([string]$Name) {',
    `      if (-not ('Quiesce.ScmAccess' -as [type])) { Add-Type -TypeDefinition ${psString(SCM_ACCESS_CS)} }`,
    '      [Quiesce.ScmAccess]::Check($Name)',
    '    }',
    '  }',
    `  $o.Access = @(foreach ($n in ${psArray(services)}) {`,
    '    try { @{ Name = $n; Code = [int](Test-QuiesceServiceAccess -Name $n); Error = $null } }',
    '    catch { @{ Name = $n; Code = $null; Error = [string]$_.Exception.Message } }',
    '  })',
    '  $o',
    '}',
  ];
}

/**
 * One request, queries only: each service through Win32_Service (as the driver reads it), each session
 * counter's value now, then the server block; prints one JSON object. With `computer` (`via: cim`) all of it
 * runs on that server through Invoke-Command (PowerShell remoting over WinRM), as the driver's scripts do: a
 * server WinRM cannot reach fails the request itself.
 */
export function doctorScript(
  services: readonly string[],
  counters: Readonly<Record<string, readonly string[]>>,
  computer: string | null,
): string {
  const onServer = [
    "$ErrorActionPreference = 'Stop'",
    `$qzNames = ${psArray(services)}`,
    `$qzCounters = @{ ${counterTable(counters)} }`,
    '$qzResult = @{ Services = @(); Counters = @(); CimError = $null; Server = $null; ServerError = $null }',
    'try {',
    '  $qzFilter = [string]::Join(\' OR \', @(foreach ($n in $qzNames) { "Name=\'" + $n + "\'" }))',
    '  $qzFound = @{}',
    '  foreach ($s in @(Get-CimInstance -ClassName Win32_Service -Filter $qzFilter)) { $qzFound[[string]$s.Name] = $s }',
    '  $qzResult.Services = @(foreach ($n in $qzNames) {',
    '    $s = $qzFound[$n]',
    '    if ($null -eq $s) { @{ Asked = $n; Missing = $true } }',
    '    else { @{ Asked = $n; Missing = $false; Name = [string]$s.Name; State = [string]$s.State; StartMode = [string]$s.StartMode; AcceptPause = [bool]$s.AcceptPause } }',
    '  })',
    '  $qzResult.Counters = @(foreach ($n in @($qzCounters.Keys)) { foreach ($c in @($qzCounters[$n])) {',
    '    try { @{ Service = $n; Path = $c; Error = $null; Value = [int64](((Get-Counter -Counter $c).CounterSamples | Measure-Object -Property CookedValue -Sum).Sum) } }',
    '    catch { @{ Service = $n; Path = $c; Value = $null; Error = [string]$_.Exception.Message } }',
    '  } })',
    '} catch { $qzResult.CimError = [string]$_.Exception.Message }',
    ...serverBlock(services),
    'try { $qzResult.Server = & $qzServer } catch { $qzResult.ServerError = [string]$_.Exception.Message }',
    'ConvertTo-Json -InputObject $qzResult -Compress -Depth 4',
  ];
  if (computer === null) return ['# quiesce:doctor', ...onServer].join('\n');
  return [
    '# quiesce:doctor',
    `Invoke-Command -ComputerName ${psString(computer)} -ScriptBlock {`,
    ...onServer.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}

/** One managed service as Win32_Service reports it, or missing. */
export interface DoctorService {
  asked: string;
  missing: boolean;
  name: string;
  state: string;
  startMode: string;
  acceptPause: boolean;
}

/** What the doctor script answered. */
export interface DoctorAnswer {
  services: DoctorService[];
  counters: { service: string; path: string; value: number | null; error: string | null }[];
  /** The CIM queries failed as a whole (WinRM unreachable, access denied): why. */
  cimError: string | null;
  server: {
    psVersion: string;
    utc: string;
    lync: boolean;
    access: { name: string; code: number | null; error: string | null }[];
  } | null;
  serverError: string | null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]).filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
  );
const orNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The script's JSON, or null when it is not one object. */
export function parseDoctor(json: string): DoctorAnswer | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const server =
    typeof o.Server === 'object' && o.Server !== null
      ? (o.Server as Record<string, unknown>)
      : null;
  return {
    services: list(o.Services).map((s) => ({
      asked: text(s.Asked),
      missing: s.Missing === true,
      name: text(s.Name),
      state: text(s.State),
      startMode: text(s.StartMode),
      acceptPause: s.AcceptPause === true,
    })),
    counters: list(o.Counters).map((c) => ({
      service: text(c.Service),
      path: text(c.Path),
      value: typeof c.Value === 'number' ? c.Value : null,
      error: orNull(c.Error),
    })),
    cimError: orNull(o.CimError),
    server:
      server === null
        ? null
        : {
            psVersion: text(server.PSVersion),
            utc: text(server.Utc),
            lync: server.Lync === true,
            access: list(server.Access).map((a) => ({
              name: text(a.Name),
              code: typeof a.Code === 'number' ? a.Code : null,
              error: orNull(a.Error),
            })),
          },
    serverError: orNull(o.ServerError),
  };
}
