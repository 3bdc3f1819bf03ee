// PowerShell scripts quiesce runs on a Windows server (Windows PowerShell 3.0 commands and syntax only); names
// travel only as quoted literals. Each script prints lines it formats itself and never calls `exit` (it runs in a
// session).
import type { ServiceControl, StartType } from '../../model.ts';
import { LYNC_MODULE_PATHS } from './lync-module.ts';
import type { InfoKey } from './presets.ts';

/** A PowerShell single-quoted string literal: nothing inside is interpreted. */
export function psString(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, "''")}'`;
}

/** The -EncodedCommand argument: the script as base64 of UTF-16LE. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** How many System-log 7036 events (newest first) the observe reads to date a pause. */
export const PAUSE_EVENTS_SCANNED = 2000;

/** `@('a', 'b')` */
export const psArray = (items: readonly string[]) => `@(${items.map(psString).join(', ')})`;

/** The first line of every answer: the line format's version. */
export const ANSWER_HEAD = 'QZ1';
/** The last line of every answer: an answer without it was cut off. */
export const ANSWER_END = 'END';

/** Win32_Service states in which a service takes no new sessions but may still hold some: a drain's completion depends on its counters. */
export const DRAINING_STATES = ['Paused', 'Pause Pending', 'Stop Pending'] as const;

/**
 * `lines` as the server runs them: itself (`via: ssh`, the session is on the server), or, with `computer`, sent
 * there through PowerShell remoting (`via: cim`: WinRM, the one port everything goes through) so that Get-Counter
 * and Get-WinEvent run on the server itself and never need RPC (remote registry / PDH, event-log RPC) from here.
 */
export function onServer(tag: string, lines: readonly string[], computer: string | null): string {
  if (computer === null) return [tag, "$ErrorActionPreference = 'Stop'", ...lines].join('\n');
  return [
    tag,
    "$ErrorActionPreference = 'Stop'",
    `Invoke-Command -ComputerName ${psString(computer)} -ErrorAction Stop -ScriptBlock {`,
    "  $ErrorActionPreference = 'Stop'",
    ...lines.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}

/** PowerShell: `$text` on one line (tabs and line breaks as spaces), for a field of the line format. */
const FLAT = "-replace '[\\t\\r\\n]+', ' '";

/** The PowerShell hashtable body `'SVC' = @('path', …); …` of each service's session counter paths. */
export const counterTable = (counters: Readonly<Record<string, readonly string[]>>): string =>
  Object.entries(counters)
    .map(([service, paths]) => `${psString(service)} = ${psArray(paths)}`)
    .join('; ');

/** What `sessions: lync` adds to an observe: the services ActivityLevel may count, and information counters. */
export interface LyncReads {
  /** Services whose drain Get-CsWindowsService's ActivityLevel counts where the Lync module is present. */
  activity: readonly string[];
  /** Per service, counters read as information only (never a drain condition). */
  info: Readonly<Record<string, Readonly<Record<InfoKey, string>>>>;
}

/** No Lync reads: counters only. */
export const NO_LYNC: LyncReads = { activity: [], info: {} };

/** The PowerShell hashtable body `'SVC' = @{ 'clients' = 'path'; … }; …` of each service's information counters. */
const infoTable = (info: LyncReads['info']): string =>
  Object.entries(info)
    .map(
      ([service, keys]) =>
        `${psString(service)} = @{ ${Object.entries(keys)
          .map(([key, path]) => `${psString(key)} = ${psString(path)}`)
          .join('; ')} }`,
    )
    .join('; ');

/**
 * Where the Lync module is present (found by auto-loading, else at its install path), each draining service of
 * LyncReads.activity (`$qzAsk`, by index) that the cmdlet answers for reports Get-CsWindowsService's ActivityLevel as `A i text`
 * (learn.microsoft.com, Get-CsWindowsService: "the number of concurrent calls being handled by the service (the
 * service activity level)"). One call without -Name for all of them ("If you do not include this parameter, the
 * Get-CsWindowsService cmdlet will return information about all your Skype for Business Server services"). Their
 * counters are read as well, the fallback when that text is no count; a cmdlet that fails adds no line.
 */
const LYNC_ACTIVITY = [
  'if ($qzAsk.Count -gt 0) {',
  '  $qzLync = Get-Command -Name Get-CsWindowsService -ErrorAction SilentlyContinue',
  '  if ($null -eq $qzLync -and $env:CommonProgramFiles) {',
  `    foreach ($qzModule in ${psArray(LYNC_MODULE_PATHS)}) {`,
  '      $qzFull = Join-Path $env:CommonProgramFiles $qzModule',
  '      if (Test-Path -LiteralPath $qzFull) { try { Import-Module -Name $qzFull } catch { }; break }',
  '    }',
  '    $qzLync = Get-Command -Name Get-CsWindowsService -ErrorAction SilentlyContinue',
  '  }',
  '  if ($null -ne $qzLync) {',
  '    $qzLevels = @{}',
  '    try { foreach ($qzCs in @(Get-CsWindowsService -ErrorAction Stop)) { $qzLevels[[string]$qzCs.Name] = [string]$qzCs.ActivityLevel } } catch { $qzLevels = @{} }',
  '    foreach ($qzI in $qzAsk) {',
  `      if ($qzLevels.ContainsKey($qzNames[$qzI])) { "A\`t" + [string]$qzI + "\`t" + ($qzLevels[$qzNames[$qzI]] ${FLAT}) }`,
  '    }',
  '  }',
  '}',
];

/** `I i key value`: an information counter of a draining service (clients, registered), when it can be read (else no line). */
const INFO_LINES = [
  '    if ($qzInfo.ContainsKey($qzNames[$qzI])) {',
  '      foreach ($qzKey in @($qzInfo[$qzNames[$qzI]].Keys)) {',
  "        $qzHits = @($qzSamples | Where-Object { $_.Path -like ('\\\\*' + $qzInfo[$qzNames[$qzI]][$qzKey]) })",
  '        if ($qzHits.Count -eq 0 -or @($qzHits | Where-Object { $null -ne $_.Status -and [int64]$_.Status -ne 0 }).Count -gt 0) { continue }',
  '        $qzValue = [int64]0',
  '        foreach ($qzHit in $qzHits) { $qzValue += [int64][Math]::Round([double]$qzHit.CookedValue) }',
  '        "I`t" + [string]$qzI + "`t" + $qzKey + "`t" + [string]$qzValue',
  '      }',
  '    }',
];

/**
 * One call: every named service's Win32_Service State, StartMode, DelayedAutoStart, AcceptPause; for a service
 * whose drain depends on them (State in DRAINING_STATES) the sum of its session counters, all paths in one
 * Get-Counter call (it waits its sample interval, at least 1 s, once); and for a Paused service when it entered
 * Paused: the newest SCM event 7036 whose binary data is UTF-16LE `<name>/7` (never the localised text).
 *
 * It prints only lines it formats itself (never ConvertTo-Json, whose output differs between Windows PowerShell
 * 3.0/5.1 and PowerShell 7): `QZ1`, then per service asked (by its index) `S i State StartMode Delayed(0|1)
 * AcceptPause(0|1)` or `M i` (not installed), `N i sum` (sessions) or `U i why` (a counter that cannot be
 * read), `P i time` (paused since, ISO UTC), and `END`; fields separated by tabs. `counters` is empty when the
 * caller does not need sessions (apply's read-back after a step). With `lync` (`sessions: lync`), a draining
 * service also reports `A i text` (Get-CsWindowsService's ActivityLevel, LYNC_ACTIVITY) and `I i key value`
 * (information counters: clients, registered), read in the same Get-Counter call.
 */
export function observeScript(
  services: readonly string[],
  counters: Readonly<Record<string, readonly string[]>>,
  computer: string | null,
  lync: LyncReads = NO_LYNC,
): string {
  return onServer(
    '# quiesce:observe',
    [
      `$qzNames = ${psArray(services)}`,
      `$qzCounters = @{ ${counterTable(counters)} }`,
      `$qzDraining = ${psArray(DRAINING_STATES)}`,
      `$qzActivity = ${psArray(lync.activity)}`,
      `$qzInfo = @{ ${infoTable(lync.info)} }`,
      '$qzAsk = @()',
      '$qzFilter = [string]::Join(\' OR \', @(foreach ($qzName in $qzNames) { "Name=\'" + $qzName + "\'" }))',
      '$qzFound = @{}',
      'foreach ($qzService in @(Get-CimInstance -ClassName Win32_Service -Filter $qzFilter)) { $qzFound[[string]$qzService.Name] = $qzService }',
      `'${ANSWER_HEAD}'`,
      '$qzPaths = @()',
      '$qzPaused = @{}',
      'for ($qzI = 0; $qzI -lt $qzNames.Count; $qzI++) {',
      '  $qzService = $qzFound[$qzNames[$qzI]]',
      '  if ($null -eq $qzService) { "M`t" + [string]$qzI; continue }',
      '  $qzState = [string]$qzService.State',
      "  $qzDelayed = '0'; if ($qzService.DelayedAutoStart -eq $true) { $qzDelayed = '1' }",
      "  $qzPause = '0'; if ($qzService.AcceptPause -eq $true) { $qzPause = '1' }",
      '  "S`t" + [string]$qzI + "`t" + $qzState + "`t" + [string]$qzService.StartMode + "`t" + $qzDelayed + "`t" + $qzPause',
      "  if ($qzState -eq 'Paused') { $qzPaused[[string]$qzService.Name + '/7'] = $qzI }",
      '  if ($qzDraining -notcontains $qzState) { continue }',
      '  if ($qzActivity -contains $qzNames[$qzI]) { $qzAsk += $qzI }',
      '  if ($qzCounters.ContainsKey($qzNames[$qzI])) { $qzPaths += @($qzCounters[$qzNames[$qzI]]) }',
      '  if ($qzInfo.ContainsKey($qzNames[$qzI])) { foreach ($qzKey in @($qzInfo[$qzNames[$qzI]].Keys)) { $qzPaths += @($qzInfo[$qzNames[$qzI]][$qzKey]) } }',
      '}',
      ...LYNC_ACTIVITY,
      'if ($qzPaths.Count -gt 0) {',
      '  $qzSamples = @()',
      "  $qzWhy = ''",
      '  $qzCounterErrors = @()',
      '  try { $qzSamples = @((Get-Counter -Counter $qzPaths -ErrorAction SilentlyContinue -ErrorVariable qzCounterErrors).CounterSamples) }',
      '  catch { $qzWhy = [string]$_.Exception.Message }',
      "  if ($qzWhy -eq '' -and @($qzCounterErrors).Count -gt 0) { $qzWhy = [string]@($qzCounterErrors)[0].Exception.Message }",
      "  if ($qzWhy -eq '') { $qzWhy = 'no sample' }",
      '  for ($qzI = 0; $qzI -lt $qzNames.Count; $qzI++) {',
      '    $qzService = $qzFound[$qzNames[$qzI]]',
      '    if ($null -eq $qzService -or $qzDraining -notcontains [string]$qzService.State) { continue }',
      ...INFO_LINES,
      '    if (-not $qzCounters.ContainsKey($qzNames[$qzI])) { continue }',
      '    $qzSum = [int64]0',
      "    $qzBad = ''",
      '    foreach ($qzPath in @($qzCounters[$qzNames[$qzI]])) {',
      "      $qzHits = @($qzSamples | Where-Object { $_.Path -like ('\\\\*' + $qzPath) })",
      "      if ($qzHits.Count -eq 0) { $qzBad = $qzPath + ': ' + $qzWhy; break }",
      '      foreach ($qzHit in $qzHits) {',
      "        if ($null -ne $qzHit.Status -and [int64]$qzHit.Status -ne 0) { $qzBad = $qzPath + ': counter status ' + [string]$qzHit.Status; break }",
      '        $qzSum += [int64][Math]::Round([double]$qzHit.CookedValue)',
      '      }',
      "      if ($qzBad -ne '') { break }",
      '    }',
      `    if ($qzBad -ne '') { "U\`t" + [string]$qzI + "\`t" + ($qzBad ${FLAT}) } else { "N\`t" + [string]$qzI + "\`t" + [string]$qzSum }`,
      '  }',
      '}',
      'if ($qzPaused.Count -gt 0) {',
      '  $qzEvents = @()',
      `  try { $qzEvents = @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7036 } -MaxEvents ${PAUSE_EVENTS_SCANNED}) } catch { $qzEvents = @() }`,
      '  foreach ($qzEvent in $qzEvents) {',
      '    if ($qzPaused.Count -eq 0) { break }',
      '    $qzHex = [string]([xml]$qzEvent.ToXml()).Event.EventData.Binary',
      '    if ($qzHex.Length -lt 4) { continue }',
      '    $qzBytes = New-Object byte[] ([int]($qzHex.Length / 2))',
      '    for ($qzJ = 0; $qzJ -lt $qzBytes.Length; $qzJ++) { $qzBytes[$qzJ] = [Convert]::ToByte($qzHex.Substring(2 * $qzJ, 2), 16) }',
      '    $qzKey = [System.Text.Encoding]::Unicode.GetString($qzBytes).TrimEnd([char]0)',
      '    if ($qzPaused.ContainsKey($qzKey)) { "P`t" + [string]$qzPaused[$qzKey] + "`t" + $qzEvent.TimeCreated.ToUniversalTime().ToString(\'o\'); $qzPaused.Remove($qzKey) }',
      '  }',
      '}',
      `'${ANSWER_END}'`,
    ],
    computer,
  );
}

/** Win32_Service's method per service control (drain.method's Lync steps: lync-methods-script.ts). */
const METHOD: Record<'pause' | 'resume' | 'start' | 'stop', string> = {
  pause: 'PauseService',
  resume: 'ResumeService',
  start: 'StartService',
  stop: 'StopService',
};

/**
 * sc.exe config's `start=` value per startup type (learn.microsoft.com, "sc.exe config"): `auto` and
 * `delayed-auto` are two values, where Win32_Service.ChangeStartMode has only Automatic and leaves the
 * delayed-start flag as it was (Windows keeps it apart from the start mode: SERVICE_DELAYED_AUTO_START_INFO).
 */
export const SC_START: Record<StartType, string> = {
  Automatic: 'auto',
  AutomaticDelayed: 'delayed-auto',
  Manual: 'demand',
  Disabled: 'disabled',
};

/**
 * One step as a script that prints `QZ1`, `R code` and `END`: Win32_Service method codes for pause, resume and
 * start; for a startup type, sc.exe config's exit code (a Windows system error code); 1060 when not installed.
 */
export function stepScript(service: string, step: ServiceControl, computer: string | null): string {
  const lines = [
    `$qzService = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + ${psString(service)} + "'")`,
    'if ($null -eq $qzService) { $qzCode = 1060 } else {',
  ];
  if (step.action === 'set-startup-type') {
    lines.push(
      `  & sc.exe 'config' ${psString(service)} 'start=' ${psString(SC_START[step.startType])} | Out-Null`,
      '  $qzCode = [int]$LASTEXITCODE',
    );
  } else {
    lines.push(
      `  $qzCode = [int]((Invoke-CimMethod -InputObject $qzService -MethodName ${METHOD[step.action]}).ReturnValue)`,
    );
  }
  lines.push('}', `'${ANSWER_HEAD}'`, '"R`t" + [string]$qzCode', `'${ANSWER_END}'`);
  return onServer('# quiesce:step', lines, computer);
}
