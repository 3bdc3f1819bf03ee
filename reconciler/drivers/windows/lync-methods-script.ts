// The scripts of drain.method's Lync steps (Stop-CsWindowsService -Graceful, Invoke-CsComputerFailOver,
// Invoke-CsComputerFailBack) and the parse of their answer; pure. Windows PowerShell 3.0 syntax only.
import type { Step } from '../../model.ts';
import { LYNC_MODULE_PATHS } from './lync-module.ts';
import { ANSWER_END, ANSWER_HEAD, onServer, psString } from './powershell.ts';

/** The steps these scripts run. */
export type LyncStep = Extract<Step, { action: 'graceful-stop' | 'failover' | 'failback' }>;

/** Whether `step` is one of drain.method's Lync steps. */
export const isLyncStep = (step: Step): step is LyncStep =>
  step.action === 'graceful-stop' || step.action === 'failover' || step.action === 'failback';

/** The answer's code: done (or nothing to do), the service is not installed, the Lync cmdlet is missing. */
export const LYNC_CODES = { done: 0, notInstalled: 1060, noCmdlet: 127 } as const;

/** Each step's cmdlet, and the Win32_Service states in which the service needs no step (it is so already). */
const CMDLET: Record<LyncStep['action'], string> = {
  'graceful-stop': 'Stop-CsWindowsService',
  failover: 'Invoke-CsComputerFailOver',
  failback: 'Invoke-CsComputerFailBack',
};

/** `New-TimeSpan -Seconds N` for `ms` (at least one second). */
const timeSpan = (ms: number) => `(New-TimeSpan -Seconds ${Math.max(1, Math.ceil(ms / 1000))})`;

/**
 * The cmdlet call. Sources (learn.microsoft.com/powershell/module/skypeforbusiness/…):
 * - stop-cswindowsservice: "-Graceful … waits until all existing service requests have been filled (However,
 *   all new service requests will be rejected.)"; "-NoWait … immediately return control": the drain is then
 *   watched by observing (StopPending until the last session ends, then Stopped).
 * - invoke-cscomputerfailover: "-WaitTime … the amount of time … the cmdlet will wait for confirmation that users
 *   and data have been migrated, and all conferences and sessions have been drained. If the wait time is
 *   exceeded, the cmdlet fails and no action is taken"; the services are then "stopped and disabled".
 * - invoke-cscomputerfailback: "flag a server as available for load balancing"; without -NoStart it enables and
 *   starts the services.
 */
function call(step: LyncStep, service: string, computer: string): string {
  switch (step.action) {
    case 'graceful-stop':
      return `Stop-CsWindowsService -Name ${psString(service)} -Graceful -NoWait -Confirm:$false`;
    case 'failover':
      return `Invoke-CsComputerFailOver -ComputerName ${psString(computer)} -WaitTime ${timeSpan(step.waitMs)} -Confirm:$false`;
    case 'failback':
      return `Invoke-CsComputerFailBack -ComputerName ${psString(computer)} -Confirm:$false`;
  }
}

/** The state in which the step has nothing left to do (so one step per service runs a computer's cmdlet once). */
function doneTest(step: LyncStep): string {
  switch (step.action) {
    case 'graceful-stop':
      return "@('Stopped', 'Stop Pending') -contains [string]$qzService.State";
    case 'failover':
      return "(@('Stopped', 'Stop Pending') -contains [string]$qzService.State) -and [string]$qzService.StartMode -eq 'Disabled'";
    case 'failback':
      return "@('Running', 'Start Pending') -contains [string]$qzService.State";
  }
}

/**
 * One Lync step on `service` of `host` as a script printing `QZ1`, `R code`, `END` (LYNC_CODES). The cmdlet is
 * found by module auto-loading, else in the Lync module's install folder; a cmdlet that fails throws (the
 * session answers its error). Run on the server itself (`computer` null: its ssh session) or sent there
 * (`via: cim`); `host` is the server as declared (the cmdlets want its FQDN).
 */
export function lyncStepScript(
  service: string,
  step: LyncStep,
  host: string,
  computer: string | null,
): string {
  const cmdlet = CMDLET[step.action];
  return onServer(
    '# quiesce:lync-step',
    [
      `$qzService = Get-CimInstance -ClassName Win32_Service -Filter ("Name='" + ${psString(service)} + "'")`,
      `if ($null -eq $qzService) { $qzCode = ${LYNC_CODES.notInstalled} }`,
      `elseif (${doneTest(step)}) { $qzCode = ${LYNC_CODES.done} }`,
      'else {',
      `  $qzCommand = Get-Command -Name ${cmdlet} -ErrorAction SilentlyContinue`,
      '  if ($null -eq $qzCommand -and $env:CommonProgramFiles) {',
      `    foreach ($qzPath in @(${LYNC_MODULE_PATHS.map(psString).join(', ')})) {`,
      '      $qzFull = Join-Path $env:CommonProgramFiles $qzPath',
      '      if (Test-Path -LiteralPath $qzFull) { Import-Module -Name $qzFull; break }',
      '    }',
      `    $qzCommand = Get-Command -Name ${cmdlet} -ErrorAction SilentlyContinue`,
      '  }',
      `  if ($null -eq $qzCommand) { $qzCode = ${LYNC_CODES.noCmdlet} } else {`,
      `    ${call(step, service, host)} | Out-Null`,
      `    $qzCode = ${LYNC_CODES.done}`,
      '  }',
      '}',
      `'${ANSWER_HEAD}'`,
      '"R`t" + [string]$qzCode',
      `'${ANSWER_END}'`,
    ],
    computer,
  );
}

/** How long a Lync step may run: a failover waits its -WaitTime, a failback its default hour; plus `margin`. */
export function lyncStepLimitMs(step: LyncStep, margin: number): number {
  if (step.action === 'failover') return step.waitMs + margin;
  if (step.action === 'failback') return 3_600_000 + margin;
  return margin;
}
