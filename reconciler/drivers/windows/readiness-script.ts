// The readiness script (Get-CsPoolUpgradeReadinessState on a Front End: in its own session, or through
// Invoke-Command for `via: cim`) and the parse of its answer; pure. Windows PowerShell 3.0 syntax only.
import { psString } from './powershell.ts';

/**
 * The cmdlet's property that holds the pool's state: "If the value of PoolUpgradeState is Busy, wait …"
 * (Microsoft's "Upgrade or update Front End Servers in Lync Server 2013"). Its type,
 * Microsoft.Rtc.Management.Hadr.PoolUpgradeState, is not documented further: the script sends every property
 * as text and the parse falls back to another `…UpgradeState` or `State` property.
 */
export const STATE_PROPERTY = 'PoolUpgradeState';

/** Where Lync Server 2013 and Skype for Business Server 2015 install their module, under Common Files. */
const MODULE_PATHS = [
  'Skype for Business Server 2015\\Modules\\SkypeForBusiness\\SkypeForBusiness.psd1',
  'Microsoft Lync Server 2013\\Modules\\Lync\\Lync.psd1',
];

/**
 * Runs on the Front End: finds the cmdlet (module auto-loading, else the module at its install path), and prints
 * {Missing} or {Answers: [{Type, Values: {property: text}}]}: every property as [string] (an enum's name,
 * never its number), each read on its own (a getter that throws is left out).
 */
const ON_FRONT_END = [
  "$ErrorActionPreference = 'Stop'",
  '$qzCommand = Get-Command -Name Get-CsPoolUpgradeReadinessState -ErrorAction SilentlyContinue',
  'if ($null -eq $qzCommand -and $env:CommonProgramFiles) {',
  `  foreach ($qzPath in @(${MODULE_PATHS.map(psString).join(', ')})) {`,
  '    $qzFull = Join-Path $env:CommonProgramFiles $qzPath',
  '    if (Test-Path -LiteralPath $qzFull) { Import-Module -Name $qzFull; break }',
  '  }',
  '  $qzCommand = Get-Command -Name Get-CsPoolUpgradeReadinessState -ErrorAction SilentlyContinue',
  '}',
  'if ($null -eq $qzCommand) { ConvertTo-Json -Compress -InputObject @{ Missing = $true } } else {',
  '  $qzAnswers = @(foreach ($qzAnswer in @(Get-CsPoolUpgradeReadinessState)) {',
  '    if ($null -eq $qzAnswer) { continue }',
  '    $qzValues = [ordered]@{}',
  "    if ($qzAnswer -is [string] -or $qzAnswer -is [System.Enum]) { $qzValues['Value'] = [string]$qzAnswer } else {",
  '      foreach ($qzProperty in @($qzAnswer.PSObject.Properties)) {',
  '        try { $qzValue = $qzProperty.Value } catch { continue }',
  '        if ($null -eq $qzValue) { continue }',
  '        $qzText = [string]$qzValue',
  '        if ($qzText.Length -gt 200) { $qzText = $qzText.Substring(0, 200) }',
  '        $qzValues[[string]$qzProperty.Name] = $qzText',
  '      }',
  '    }',
  '    @{ Type = [string]$qzAnswer.GetType().FullName; Values = $qzValues }',
  '  })',
  '  ConvertTo-Json -Compress -Depth 4 -InputObject @{ Missing = $false; Answers = $qzAnswers }',
  '}',
];

/**
 * The request: the script itself on the Front End's own session (ssh), or, with `computer`, sent there by
 * Invoke-Command from the local session (`via: cim`; the cmdlet runs only on a Front End of its pool).
 */
export function readinessScript(computer: string | null): string {
  if (computer === null) return ['# quiesce:readiness', ...ON_FRONT_END].join('\n');
  return [
    '# quiesce:readiness',
    "$ErrorActionPreference = 'Stop'",
    `Invoke-Command -ComputerName ${psString(computer)} -ErrorAction Stop -ScriptBlock {`,
    ...ON_FRONT_END.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}

/** What the Front End answered. */
export type FrontEndAnswer =
  | { kind: 'state'; state: string }
  | { kind: 'missing' }
  | { kind: 'unparsable'; detail: string };

interface Answer {
  Type?: unknown;
  Values?: unknown;
}

const excerpt = (text: string, limit = 120) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
};

/** The state in one answer's properties: PoolUpgradeState, else another …UpgradeState, else State or Value. */
function stateOf(values: Record<string, unknown>): string | null {
  const names = Object.keys(values);
  const name =
    names.find((n) => n.toLowerCase() === STATE_PROPERTY.toLowerCase()) ??
    names.find((n) => /upgradestate$/i.test(n)) ??
    names.find((n) => /^(state|value)$/i.test(n));
  const text = name === undefined ? '' : String(values[name]).trim();
  return text === '' ? null : excerpt(text, 60);
}

/**
 * The pool's state from the script's output. Several answers that disagree give the first that is not Ready
 * (the cautious one).
 */
export function parseReadiness(text: string): FrontEndAnswer {
  let parsed: { Missing?: unknown; Answers?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return { kind: 'unparsable', detail: `not JSON: ${JSON.stringify(excerpt(text))}` };
  }
  if (parsed === null || typeof parsed !== 'object')
    return { kind: 'unparsable', detail: `not an object: ${JSON.stringify(excerpt(text))}` };
  if (parsed.Missing === true) return { kind: 'missing' };
  // ConvertTo-Json of Windows PowerShell 3.0 writes a one-element array as the element itself.
  const answers = (
    Array.isArray(parsed.Answers) ? parsed.Answers : parsed.Answers == null ? [] : [parsed.Answers]
  ) as Answer[];
  if (answers.length === 0) return { kind: 'unparsable', detail: 'it returned nothing' };
  const states: string[] = [];
  for (const answer of answers) {
    const values =
      answer !== null && typeof answer === 'object' && typeof answer.Values === 'object'
        ? (answer.Values as Record<string, unknown> | null)
        : null;
    const state = values === null ? null : stateOf(values);
    if (state !== null) states.push(state);
  }
  if (states.length === 0) {
    const first = answers[0] ?? {};
    const names = Object.keys((first.Values as object | null) ?? {});
    return {
      kind: 'unparsable',
      detail: `no ${STATE_PROPERTY} in its answer (${String(first.Type ?? 'an object')} with ${names.length === 0 ? 'no properties' : excerpt(names.join(', '))})`,
    };
  }
  return { kind: 'state', state: states.find((s) => s !== 'Ready') ?? states[0]! };
}
