// The readiness script (Get-CsPoolUpgradeReadinessState, or Get-CsUpgradeDomainInfo on Skype for Business Server
// 2019, on a Front End: in its own session, or through Invoke-Command for `via: cim`) and the parse of its answer
// (PoolUpgradeState and the upgrade domains); pure. Windows PowerShell 3.0 syntax only.
import type { ReadinessReply, UpgradeDomainReply } from '../descriptor.ts';
import { LYNC_MODULE_PATHS } from './lync-module.ts';
import { psString } from './powershell.ts';
import { upgradeDomainsOf } from './upgrade-domains.ts';

/**
 * The cmdlet's property that holds the pool's state: "If the value of PoolUpgradeState is Busy, wait …"
 * (Microsoft's "Upgrade or update Front End Servers in Lync Server 2013"). Its type,
 * Microsoft.Rtc.Management.Hadr.PoolUpgradeState, is not documented further: the script sends every property
 * as text and the parse falls back to another `…UpgradeState` or `State` property.
 */
export const STATE_PROPERTY = 'PoolUpgradeState';

/** The readiness cmdlets: Skype for Business Server 2019 "replaced" the first with the second (its cmdlet page). */
export const READINESS_CMDLETS = [
  'Get-CsPoolUpgradeReadinessState',
  'Get-CsUpgradeDomainInfo',
] as const;

/** One of READINESS_CMDLETS. */
export type ReadinessCmdlet = (typeof READINESS_CMDLETS)[number];

/** Finds the first of `names` (module auto-loading, else the module at its install path) into $qzCommand. */
export function findCommand(names: readonly string[]): string[] {
  const list = names.map(psString).join(', ');
  return [
    '$qzCommand = $null',
    `foreach ($qzName in @(${list})) { if ($null -eq $qzCommand) { $qzCommand = Get-Command -Name $qzName -ErrorAction SilentlyContinue } }`,
    'if ($null -eq $qzCommand -and $env:CommonProgramFiles) {',
    `  foreach ($qzPath in @(${LYNC_MODULE_PATHS.map(psString).join(', ')})) {`,
    '    $qzFull = Join-Path $env:CommonProgramFiles $qzPath',
    '    if (Test-Path -LiteralPath $qzFull) { Import-Module -Name $qzFull; break }',
    '  }',
    `  foreach ($qzName in @(${list})) { if ($null -eq $qzCommand) { $qzCommand = Get-Command -Name $qzName -ErrorAction SilentlyContinue } }`,
    '}',
  ];
}

/**
 * Runs on the Front End: finds the first of `cmdlets`, and prints {Missing} or {Cmdlet, Answers: [{Type, Values:
 * {property: text}, Lists: {property: [{property: text}]}}]}: every property as [string] (an enum's name, never
 * its number), each read on its own (a getter that throws is left out); a collection (UpgradeDomains) as a list of
 * its items' properties, a collection inside an item (its Front Ends) as one text joined by ", ".
 */
const onFrontEnd = (cmdlets: readonly ReadinessCmdlet[]) => [
  "$ErrorActionPreference = 'Stop'",
  ...findCommand(cmdlets),
  'if ($null -eq $qzCommand) { ConvertTo-Json -Compress -InputObject @{ Missing = $true } } else {',
  '  $qzCmdlet = [string]$qzCommand.Name',
  "  if ($qzCmdlet -eq 'Get-CsUpgradeDomainInfo') { $qzRaw = @(Get-CsUpgradeDomainInfo) } else { $qzRaw = @(Get-CsPoolUpgradeReadinessState) }",
  '  $qzAnswers = @(foreach ($qzAnswer in $qzRaw) {',
  '    if ($null -eq $qzAnswer) { continue }',
  '    $qzValues = [ordered]@{}',
  '    $qzLists = [ordered]@{}',
  "    if ($qzAnswer -is [string] -or $qzAnswer -is [System.Enum]) { $qzValues['Value'] = [string]$qzAnswer } else {",
  '      foreach ($qzProperty in @($qzAnswer.PSObject.Properties)) {',
  '        try { $qzValue = $qzProperty.Value } catch { continue }',
  '        if ($null -eq $qzValue) { continue }',
  '        if ($qzValue -is [System.Collections.IEnumerable] -and -not ($qzValue -is [string])) {',
  '          $qzItems = @(foreach ($qzItem in @(@($qzValue) | Select-Object -First 64)) {',
  '            if ($null -eq $qzItem) { continue }',
  '            $qzItemValues = [ordered]@{}',
  "            if ($qzItem -is [string] -or $qzItem -is [System.ValueType]) { $qzItemValues['Value'] = [string]$qzItem } else {",
  '              foreach ($qzItemProperty in @($qzItem.PSObject.Properties)) {',
  '                try { $qzItemValue = $qzItemProperty.Value } catch { continue }',
  '                if ($null -eq $qzItemValue) { continue }',
  '                if ($qzItemValue -is [System.Collections.IEnumerable] -and -not ($qzItemValue -is [string])) {',
  "                  $qzItemText = @(@($qzItemValue) | ForEach-Object { [string]$_ }) -join ', '",
  '                } else { $qzItemText = [string]$qzItemValue }',
  '                if ($qzItemText.Length -gt 2000) { $qzItemText = $qzItemText.Substring(0, 2000) }',
  '                $qzItemValues[[string]$qzItemProperty.Name] = $qzItemText',
  '              }',
  '            }',
  '            $qzItemValues',
  '          })',
  '          $qzLists[[string]$qzProperty.Name] = $qzItems',
  '          continue',
  '        }',
  '        $qzText = [string]$qzValue',
  '        if ($qzText.Length -gt 200) { $qzText = $qzText.Substring(0, 200) }',
  '        $qzValues[[string]$qzProperty.Name] = $qzText',
  '      }',
  '    }',
  '    @{ Type = [string]$qzAnswer.GetType().FullName; Values = $qzValues; Lists = $qzLists }',
  '  })',
  '  ConvertTo-Json -Compress -Depth 6 -InputObject @{ Missing = $false; Cmdlet = $qzCmdlet; Answers = $qzAnswers }',
  '}',
];

/** The cmdlets to try, in order: Get-CsUpgradeDomainInfo first under quorum sfb2019, else last. */
export const readinessCmdlets = (sfb2019: boolean): ReadinessCmdlet[] =>
  sfb2019 ? [...READINESS_CMDLETS].reverse() : [...READINESS_CMDLETS];

/**
 * A request on a Front End: `lines` on its own session (ssh, `computer` null), or sent there by Invoke-Command
 * from the local session (`via: cim`; the Lync cmdlets run only on a Front End of their pool).
 */
export function onFrontEndScript(
  tag: string,
  lines: readonly string[],
  computer: string | null,
): string {
  if (computer === null) return [`# quiesce:${tag}`, ...lines].join('\n');
  return [
    `# quiesce:${tag}`,
    "$ErrorActionPreference = 'Stop'",
    `Invoke-Command -ComputerName ${psString(computer)} -ErrorAction Stop -ScriptBlock {`,
    ...lines.map((line) => `  ${line}`),
    '}',
  ].join('\n');
}

/** The readiness request (Get-CsUpgradeDomainInfo tried first when `sfb2019`). */
export function readinessScript(computer: string | null, sfb2019 = false): string {
  return onFrontEndScript('readiness', onFrontEnd(readinessCmdlets(sfb2019)), computer);
}

/** What the Front End answered. */
export type FrontEndAnswer =
  | ({ kind: 'state' } & ReadinessReply)
  | { kind: 'missing' }
  | { kind: 'unparsable'; detail: string };

interface Answer {
  Type?: unknown;
  Values?: unknown;
  Lists?: unknown;
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
  let parsed: { Missing?: unknown; Cmdlet?: unknown; Answers?: unknown };
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
  const domains: UpgradeDomainReply[] = [];
  for (const answer of answers) {
    if (answer !== null && typeof answer === 'object')
      domains.push(...upgradeDomainsOf(answer.Lists));
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
  const cmdlet =
    typeof parsed.Cmdlet === 'string' && parsed.Cmdlet !== ''
      ? parsed.Cmdlet
      : 'Get-CsPoolUpgradeReadinessState';
  return { kind: 'state', cmdlet, state: states.find((s) => s !== 'Ready') ?? states[0]!, domains };
}
