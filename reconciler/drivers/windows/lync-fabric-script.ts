// The lync-fabric script (Get-CsPoolFabricState -PoolFqdn on a Front End of the pool) and the parse of its answer;
// pure. Windows PowerShell 3.0 syntax only.
import type { FabricReply } from '../descriptor.ts';
import { psString } from './powershell.ts';
import { findCommand, onFrontEndScript } from './readiness-script.ts';

/** The cmdlet; its page: "Returns the Windows Fabric state for a Skype for Business Server pool" (all three versions). */
export const FABRIC_CMDLET = 'Get-CsPoolFabricState';

/**
 * Runs on the Front End: prints {Missing} or {Lines: [text]}: the cmdlet's output, documented as "String value
 * representing the fabric state", each item as [string], with its warnings (3>&1) in case it says it there.
 */
const onFrontEnd = (poolFqdn: string) => [
  "$ErrorActionPreference = 'Stop'",
  ...findCommand([FABRIC_CMDLET]),
  'if ($null -eq $qzCommand) { ConvertTo-Json -Compress -InputObject @{ Missing = $true } } else {',
  `  $qzLines = @(foreach ($qzItem in @(Get-CsPoolFabricState -PoolFqdn ${psString(poolFqdn)} 3>&1)) {`,
  '    if ($null -eq $qzItem) { continue }',
  '    foreach ($qzLine in @(([string]$qzItem) -split "`r?`n")) { if ($qzLine.Trim() -ne \'\') { $qzLine.Trim() } }',
  '  })',
  '  ConvertTo-Json -Compress -Depth 3 -InputObject @{ Missing = $false; Lines = $qzLines }',
  '}',
];

/** The request for the pool `poolFqdn`, on the Front End's own session (`computer` null) or through Invoke-Command. */
export const fabricScript = (poolFqdn: string, computer: string | null): string =>
  onFrontEndScript('fabric', onFrontEnd(poolFqdn), computer);

/** A line that speaks of missing replicas ("missing replicas", "replicas missing", "MissingReplicas"). */
const MISSING = /missing\s*replicas?|replicas?\s+(are\s+|is\s+)?missing/i;
/** …and says there are none: "no missing replicas", "missing replicas: 0", "0 missing replicas". */
const NONE =
  /\bno\s+missing\s*replicas?\b|missing\s*replicas?\s*[:=]?\s*(0|none)\b|\b0\s+missing\s*replicas?\b/i;

/**
 * What the answer says: every line that reports missing replicas (a line that says there are none does not).
 * Microsoft documents only that the cmdlet "shows any missing replicas" ("Patch or update Front End Servers in
 * Skype for Business Server"), not its wording: no output at all is not taken for a healthy pool.
 */
export function parseFabric(
  text: string,
):
  | { kind: 'ok'; value: FabricReply }
  | { kind: 'missing' }
  | { kind: 'unparsable'; detail: string } {
  let parsed: { Missing?: unknown; Lines?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return { kind: 'unparsable', detail: `not JSON: ${JSON.stringify(text.slice(0, 120))}` };
  }
  if (parsed === null || typeof parsed !== 'object')
    return { kind: 'unparsable', detail: 'not an object' };
  if (parsed.Missing === true) return { kind: 'missing' };
  // ConvertTo-Json of Windows PowerShell 3.0 writes a one-element array as the element itself.
  const lines = (
    Array.isArray(parsed.Lines) ? parsed.Lines : parsed.Lines == null ? [] : [parsed.Lines]
  )
    .map((line) => String(line).trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return { kind: 'unparsable', detail: 'it returned nothing' };
  const missing = lines.filter((line) => MISSING.test(line) && !NONE.test(line));
  return {
    kind: 'ok',
    value: {
      missing: missing.map((line) => (line.length > 200 ? `${line.slice(0, 200)}…` : line)),
    },
  };
}
