// PowerShell scripts quiesce runs on a Windows server; names travel only as quoted literals in -EncodedCommand.
import type { Step } from '../../model.ts';

/** A PowerShell single-quoted string literal: nothing inside is interpreted. */
export function psString(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, "''")}'`;
}

/** The -EncodedCommand argument: the script as base64 of UTF-16LE. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The arguments that run a script with powershell.exe, on whatever host runs them. */
export function powershellArgs(script: string): string[] {
  return [
    'powershell.exe',
    '-NoProfile',
    '-NonInteractive',
    '-EncodedCommand',
    encodeCommand(script),
  ];
}

/**
 * One call: every named service's Win32_Service State, StartMode, DelayedAutoStart, AcceptPause, and the
 * sum of its sessions counter (or null), as a JSON array. `computer` targets a remote host through CIM.
 */
export function observeScript(
  services: readonly string[],
  counters: Record<string, string>,
  computer: string | null,
): string {
  const target = computer === null ? '' : ` -ComputerName ${psString(computer)}`;
  const counterTarget = computer === null ? '' : ` -ComputerName ${psString(computer)}`;
  return [
    '# quiesce:observe',
    "$ErrorActionPreference = 'Stop'",
    `$names = @(${services.map(psString).join(', ')})`,
    `$counters = @{ ${Object.entries(counters)
      .map(([s, c]) => `${psString(s)} = ${psString(c)}`)
      .join('; ')} }`,
    '$out = foreach ($n in $names) {',
    `  $s = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + $n + "'")${target}`,
    '  if ($null -eq $s) { [pscustomobject]@{ Name = $n; Missing = $true }; continue }',
    '  $sessions = $null',
    '  if ($counters.ContainsKey($n)) {',
    `    try { $sessions = [int64](((Get-Counter -Counter $counters[$n]${counterTarget}).CounterSamples | Measure-Object -Property CookedValue -Sum).Sum) } catch { $sessions = $null }`,
    '  }',
    '  [pscustomobject]@{ Name = $s.Name; State = $s.State; StartMode = $s.StartMode; DelayedAutoStart = $s.DelayedAutoStart; AcceptPause = $s.AcceptPause; Sessions = $sessions }',
    '}',
    'ConvertTo-Json -InputObject @($out) -Compress -Depth 3',
  ].join('\n');
}

const METHOD: Record<Exclude<Step['action'], 'set-startup-type'>, string> = {
  pause: 'PauseService',
  resume: 'ResumeService',
  start: 'StartService',
};

/** One step as a script that prints {"ReturnValue": n} (Win32_Service method codes; 1060 when missing). */
export function stepScript(service: string, step: Step, computer: string | null): string {
  const target = computer === null ? '' : ` -ComputerName ${psString(computer)}`;
  const lines = [
    '# quiesce:step',
    "$ErrorActionPreference = 'Stop'",
    `$s = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + ${psString(service)} + "'")${target}`,
    'if ($null -eq $s) { \'{"ReturnValue":1060}\'; exit 0 }',
  ];
  if (step.action === 'set-startup-type' && step.startType === 'AutomaticDelayed') {
    // Win32_Service.ChangeStartMode has no delayed mode; sc.exe exits with the Windows error code.
    const host = computer === null ? '' : `${psString(`\\\\${computer}`)}, `;
    lines.push(
      `& sc.exe ${host}'config', ${psString(service)}, 'start=', 'delayed-auto' | Out-Null`,
      'ConvertTo-Json -InputObject @{ ReturnValue = [int]$LASTEXITCODE } -Compress',
    );
    return lines.join('\n');
  }
  const call =
    step.action === 'set-startup-type'
      ? `Invoke-CimMethod -InputObject $s -MethodName ChangeStartMode -Arguments @{ StartMode = ${psString(step.startType === 'Automatic' ? 'Automatic' : step.startType)} }`
      : `Invoke-CimMethod -InputObject $s -MethodName ${METHOD[step.action]}`;
  lines.push(
    `$r = ${call}`,
    'ConvertTo-Json -InputObject @{ ReturnValue = [int]$r.ReturnValue } -Compress',
  );
  return lines.join('\n');
}
