// The session bootstrap: a small loop powershell.exe runs from -EncodedCommand, answering framed requests.
import { encodeCommand } from './powershell.ts';

/** Marks an answer line on stdout; anything else there (warnings, progress, Write-Host) is noise. */
export const FRAME_MARK = '#QZ#';

/**
 * Says hello (`0 hello <major> <cim>`), then reads `<id> <base64 UTF-8 script>` lines from stdin and runs each
 * as a ScriptBlock inside try/catch with $ErrorActionPreference = 'Stop', answering
 * `#QZ# <id> ok|error <base64 UTF-8 text>`: the script's output joined by newlines, or
 * {category, id, message} of the error. Written for Windows PowerShell 2.0's parser, so that an old server
 * can still say which version it has. A script must not call `exit`: that would end the session.
 */
export const BOOTSTRAP = [
  "$ErrorActionPreference = 'Stop'",
  "$ProgressPreference = 'SilentlyContinue'",
  '$qzUtf8 = New-Object System.Text.UTF8Encoding $false',
  '$qzOut = [Console]::Out',
  '$qzCommand = Get-Command -Name Get-CimInstance -ErrorAction SilentlyContinue',
  '$qzCim = $null -ne $qzCommand',
  // Loaded now, so the first request does not pay for it (requests have a shorter time limit than the start).
  'if ($qzCim) { Import-Module -Name $qzCommand.ModuleName }',
  `$qzOut.Write("\`n${FRAME_MARK} 0 hello " + [Convert]::ToBase64String($qzUtf8.GetBytes([string]$PSVersionTable.PSVersion.Major + ' ' + [string]$qzCim)) + "\`n")`,
  '$qzOut.Flush()',
  'if (-not $qzCim) { return }',
  'while ($true) {',
  '  $qzLine = [Console]::In.ReadLine()',
  '  if ($null -eq $qzLine) { break }',
  "  $qzAt = $qzLine.IndexOf(' ')",
  '  if ($qzAt -lt 1) { continue }',
  '  $qzId = $qzLine.Substring(0, $qzAt)',
  '  try {',
  '    $qzBlock = [ScriptBlock]::Create($qzUtf8.GetString([Convert]::FromBase64String($qzLine.Substring($qzAt + 1))))',
  '    $qzText = [string]::Join("`n", [string[]]@(& $qzBlock))',
  "    $qzKind = 'ok'",
  '  } catch {',
  '    $qzText = ConvertTo-Json -Compress -InputObject @{ category = [string]$_.CategoryInfo.Category; id = [string]$_.FullyQualifiedErrorId; message = [string]$_.Exception.Message }',
  "    $qzKind = 'error'",
  '  }',
  `  $qzOut.Write("\`n${FRAME_MARK} " + $qzId + ' ' + $qzKind + ' ' + [Convert]::ToBase64String($qzUtf8.GetBytes($qzText)) + "\`n")`,
  '  $qzOut.Flush()',
  '}',
].join('\n');

/** powershell.exe's arguments that start a session. */
export function sessionArgs(): string[] {
  return ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodeCommand(BOOTSTRAP)];
}
