// DESIGN §3: the steps that bring one service from what was observed to what is declared.
import type { Action, Mode, ServiceObservation, ServiceState, StartType } from '../model.ts';

/** A step with the state it should leave behind. */
export interface PlannedStep {
  action: Action;
  after: ServiceState;
}

/** What one service needs: steps (maybe none), a wait, or an error. */
export type ServiceVerdict =
  | { kind: 'steps'; steps: PlannedStep[] }
  | { kind: 'waiting' }
  | { kind: 'error'; message: string };

const PENDING = new Set(['StartPending', 'StopPending', 'PausePending', 'ContinuePending']);
const AUTOMATIC = new Set<StartType | null>(['Automatic', 'AutomaticDelayed']);
const MANUAL = new Set<StartType | null>(['Manual', 'Disabled']);

const NOTHING: ServiceVerdict = Object.freeze({
  kind: 'steps',
  steps: Object.freeze([]) as unknown as PlannedStep[],
});
const WAITING: ServiceVerdict = Object.freeze({ kind: 'waiting' });

/** Steps for one service. Startup type always changes first, so a reboot never undoes a drain. */
export function serviceSteps(desired: Mode, observed: ServiceObservation): ServiceVerdict {
  const { status } = observed;
  if (PENDING.has(status)) return WAITING;
  // The common case at scale, synced: one shared answer, nothing allocated.
  if (
    desired === 'active'
      ? status === 'Running' && AUTOMATIC.has(observed.startType)
      : status !== 'Running' && MANUAL.has(observed.startType)
  ) {
    return NOTHING;
  }
  const steps: PlannedStep[] = [];
  let startType = observed.startType;
  const setStartType = (target: StartType) => {
    if (startType === null) return; // drivers without startup types
    startType = target;
    steps.push({ action: 'set-startup-type', after: { status, startType } });
  };

  if (desired === 'active') {
    if (!AUTOMATIC.has(startType)) setStartType('Automatic');
    if (status === 'Paused')
      steps.push({ action: 'resume', after: { status: 'Running', startType } });
    if (status === 'Stopped')
      steps.push({ action: 'start', after: { status: 'Running', startType } });
    return { kind: 'steps', steps };
  }
  if (status === 'Running') {
    if (!observed.canPause)
      return {
        kind: 'error',
        message: `${observed.name} cannot be paused (it does not accept pause)`,
      };
    if (!MANUAL.has(startType)) setStartType('Manual');
    steps.push({ action: 'pause', after: { status: 'Paused', startType } });
    return { kind: 'steps', steps };
  }
  if (!MANUAL.has(startType)) setStartType('Manual');
  return { kind: 'steps', steps };
}
