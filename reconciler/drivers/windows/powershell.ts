// PowerShell scripts quiesce runs on a Windows server (Windows PowerShell 3.0 commands and syntax only); names
// travel only as quoted literals. Each script prints one JSON text and never calls `exit` (it runs in a session).
import type { Step } from '../../model.ts';

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

const computerArg = (computer: string | null) =>
  computer === null ? '' : ` -ComputerName ${psString(computer)}`;

/** `@('a', 'b')` */
const psArray = (items: readonly string[]) => `@(${items.map(psString).join(', ')})`;

/**
 * One call: every named service's Win32_Service State, StartMode, DelayedAutoStart, AcceptPause; the sum of its
 * session counters (null, with a warning, when one is missing); and for a Paused service when it entered Paused:
 * the newest SCM event 7036 whose binary data is UTF-16LE `<name>/7` (never the localised text). A JSON array.
 * `computer` targets a remote host through CIM (and Get-Counter/Get-WinEvent -ComputerName).
 */
export function observeScript(
  services: readonly string[],
  counters: Readonly<Record<string, readonly string[]>>,
  computer: string | null,
): string {
  const at = computerArg(computer);
  const counterTable = Object.entries(counters)
    .map(([service, paths]) => `${psString(service)} = ${psArray(paths)}`)
    .join('; ');
  return [
    '# quiesce:observe',
    "$ErrorActionPreference = 'Stop'",
    `$names = ${psArray(services)}`,
    `$counters = @{ ${counterTable} }`,
    '$filter = [string]::Join(\' OR \', @(foreach ($n in $names) { "Name=\'" + $n + "\'" }))',
    '$found = @{}',
    `foreach ($s in @(Get-CimInstance -ClassName Win32_Service -Filter $filter${at})) { $found[[string]$s.Name] = $s }`,
    '$rows = @(foreach ($n in $names) {',
    '  $s = $found[$n]',
    '  if ($null -eq $s) { [pscustomobject]@{ Name = $n; Missing = $true }; continue }',
    '  $sessions = $null',
    '  $warnings = @()',
    '  if ($counters.ContainsKey($n)) {',
    '    $sum = [int64]0',
    '    $known = $true',
    '    foreach ($c in @($counters[$n])) {',
    `      try { $sum += [int64](((Get-Counter -Counter $c${at}).CounterSamples | Measure-Object -Property CookedValue -Sum).Sum) }`,
    "      catch { $known = $false; $warnings += ($c + ': ' + $_.Exception.Message) }",
    '    }',
    '    if ($known) { $sessions = $sum }',
    '  }',
    '  [pscustomobject]@{ Name = [string]$s.Name; State = [string]$s.State; StartMode = [string]$s.StartMode; DelayedAutoStart = [bool]$s.DelayedAutoStart; AcceptPause = [bool]$s.AcceptPause; Sessions = $sessions; Warnings = $warnings; PausedSince = $null }',
    '})',
    '$paused = @{}',
    "foreach ($r in $rows) { if ($r.State -eq 'Paused') { $paused[$r.Name + '/7'] = $r } }",
    'if ($paused.Count -gt 0) {',
    '  $events = @()',
    `  try { $events = @(Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7036 } -MaxEvents ${PAUSE_EVENTS_SCANNED}${at}) } catch { $events = @() }`,
    '  foreach ($e in $events) {',
    '    if ($paused.Count -eq 0) { break }',
    '    $hex = [string]([xml]$e.ToXml()).Event.EventData.Binary',
    '    if ($hex.Length -lt 4) { continue }',
    '    $bytes = New-Object byte[] ([int]($hex.Length / 2))',
    '    for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($hex.Substring(2 * $i, 2), 16) }',
    '    $key = [System.Text.Encoding]::Unicode.GetString($bytes).TrimEnd([char]0)',
    "    if ($paused.ContainsKey($key)) { $paused[$key].PausedSince = $e.TimeCreated.ToUniversalTime().ToString('o'); $paused.Remove($key) }",
    '  }',
    '}',
    'ConvertTo-Json -InputObject $rows -Compress -Depth 3',
  ].join('\n');
}

const METHOD: Record<Exclude<Step['action'], 'set-startup-type'>, string> = {
  pause: 'PauseService',
  resume: 'ResumeService',
  start: 'StartService',
  stop: 'StopService',
};

/** One step as a script that prints {"ReturnValue": n} (Win32_Service method codes; 1060 when missing). */
export function stepScript(service: string, step: Step, computer: string | null): string {
  const lines = [
    '# quiesce:step',
    "$ErrorActionPreference = 'Stop'",
    `$s = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + ${psString(service)} + "'")${computerArg(computer)}`,
    'if ($null -eq $s) { $code = 1060 } else {',
  ];
  if (step.action === 'set-startup-type' && step.startType === 'AutomaticDelayed') {
    // Win32_Service.ChangeStartMode has no delayed mode; sc.exe exits with the Windows error code.
    const host = computer === null ? '' : `${psString(`\\\\${computer}`)} `;
    lines.push(
      `  & sc.exe ${host}'config' ${psString(service)} 'start=' 'delayed-auto' | Out-Null`,
      '  $code = [int]$LASTEXITCODE',
    );
  } else {
    const call =
      step.action === 'set-startup-type'
        ? `Invoke-CimMethod -InputObject $s -MethodName ChangeStartMode -Arguments @{ StartMode = ${psString(step.startType)} }`
        : `Invoke-CimMethod -InputObject $s -MethodName ${METHOD[step.action]}`;
    lines.push(`  $code = [int]((${call}).ReturnValue)`);
  }
  lines.push('}', 'ConvertTo-Json -InputObject @{ ReturnValue = $code } -Compress');
  return lines.join('\n');
}
