// drain.method's steps (DESIGN §3): a graceful stop or a failover instead of a pause, a failback to return, and
// the words of a service that cannot be paused under pause.
import type { Budget, DrainMethod, PoolSpec, ServiceObservation, StartType } from '../model.ts';
import type { Change } from './plan-types.ts';
import type { PlannedStep, ServiceVerdict } from './step-types.ts';

const isOut = (type: StartType | null) => type === 'Manual' || type === 'Disabled';

/**
 * The drain of a service by `graceful-stop` or `failover` (not pending, not out already): startup type Manual
 * first (a reboot never undoes a drain, and the drain record keeps the type it had), then, while it runs:
 * - graceful-stop: `Stop-CsWindowsService -Graceful`, after which it refuses new sessions and stops when the last
 *   ends (learn.microsoft.com/powershell/module/skypeforbusiness/stop-cswindowsservice): Stopped, Manual;
 * - failover: `Invoke-CsComputerFailOver`, which drains the whole computer and leaves its services "stopped and
 *   disabled" (learn.microsoft.com/powershell/module/skypeforbusiness/invoke-cscomputerfailover): Stopped,
 *   Disabled. The computer's step comes after every startup type of the server (computerStepsLast).
 */
export function methodDrainSteps(
  observed: ServiceObservation,
  method: Exclude<DrainMethod, 'pause'>,
): ServiceVerdict {
  const { status, startType } = observed;
  const steps: PlannedStep[] = [];
  const manual: StartType | null = startType === null || isOut(startType) ? startType : 'Manual';
  if (manual !== startType)
    steps.push({ action: 'set-startup-type', after: { status, startType: manual } });
  if (status === 'Running' && method === 'graceful-stop')
    steps.push({
      action: 'graceful-stop',
      after: { status: 'Stopped', startType: manual },
      note: 'Stop-CsWindowsService -Graceful: new sessions refused, stopped when the last ends',
    });
  if (status === 'Running' && method === 'failover')
    steps.push({
      action: 'failover',
      after: { status: 'Stopped', startType: 'Disabled' },
      note: 'Invoke-CsComputerFailOver: users moved, conferences drained, the server stopped (-WaitTime drain.timeout)',
    });
  return { kind: 'steps', steps };
}

/**
 * The return of a Stopped service of a failed-over server: its startup type as its drain record says (`target`,
 * worded by `note`), then `Invoke-CsComputerFailBack`, which flags the server available again and, without
 * -NoStart, enables and starts its services (learn.microsoft.com/powershell/module/skypeforbusiness/
 * invoke-cscomputerfailback).
 */
export function failbackSteps(
  observed: ServiceObservation,
  target: StartType | null,
  note: string,
): ServiceVerdict {
  const { status, startType } = observed;
  const steps: PlannedStep[] = [];
  if (target !== startType)
    steps.push({ action: 'set-startup-type', after: { status, startType: target }, note });
  steps.push({
    action: 'failback',
    after: { status: 'Running', startType: target },
    note: 'Invoke-CsComputerFailBack: the server available to the pool again',
  });
  return { kind: 'steps', steps };
}

const COMPUTER_STEPS: readonly string[] = ['failover', 'failback'];

/**
 * A server's changes with its failovers and failbacks after every other step (stable): the first failover takes
 * the whole computer out, so each service's startup type must be set before it; a failback starts every service,
 * so the startup types it should come back with are set first.
 */
export function computerStepsLast(changes: Change[]): Change[] {
  const last = changes.filter((c) => COMPUTER_STEPS.includes(c.action));
  if (last.length === 0) return changes;
  return [...changes.filter((c) => !COMPUTER_STEPS.includes(c.action)), ...last];
}

/** The drain methods that take out a service that cannot be paused, in a pool with `budget`. */
export function methodsWithoutPause(budget: Budget): string {
  const failover = !(budget.kind === 'quorum' && budget.preset === 'lync2013');
  return failover
    ? 'drain.method: graceful-stop (Stop-CsWindowsService -Graceful) or failover (Invoke-CsComputerFailOver, Skype for Business Server 2015/2019)'
    : 'drain.method: graceful-stop (Stop-CsWindowsService -Graceful; failover is not in Lync Server 2013)';
}

/**
 * Why a round cannot start draining a server (null: it can): under `drain.method: pause`, a Running service of
 * the pool that does not accept pause. The round holds the server there rather than start a drain whose plan
 * would refuse every step of it (CannotPause).
 */
export function pauseRefused(
  pool: Pick<PoolSpec, 'budget' | 'drain' | 'units'>,
  services: readonly ServiceObservation[],
): string | null {
  if ((pool.drain.method ?? 'pause') !== 'pause') return null;
  const refusing = services.find(
    (s) =>
      s.status === 'Running' &&
      !s.canPause &&
      pool.units.some((u) => u.name === s.name && u.role === 'services'),
  );
  if (refusing === undefined) return null;
  return `${refusing.name} does not accept pause and this pool drains by pause; a method that would work: ${methodsWithoutPause(pool.budget)}`;
}
