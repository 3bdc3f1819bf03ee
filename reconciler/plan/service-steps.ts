// DESIGN §3: the steps that bring one service from what was observed to what is declared.

import type { DrainMethod, Mode, ServiceObservation, ServiceStatus, StartType } from '../model.ts';
import { failbackSteps, methodDrainSteps } from './method-steps.ts';
import type { PlannedStep, ServiceVerdict } from './step-types.ts';

export type { PlannedStep, ServiceVerdict } from './step-types.ts';

const NOTHING: ServiceVerdict = Object.freeze({
  kind: 'steps',
  steps: Object.freeze([]) as unknown as PlannedStep[],
});
const WAITING: ServiceVerdict = Object.freeze({ kind: 'waiting' });

const isPending = (status: ServiceStatus) =>
  status === 'StartPending' ||
  status === 'StopPending' ||
  status === 'PausePending' ||
  status === 'ContinuePending';
const isAutomatic = (type: StartType | null) => type === 'Automatic' || type === 'AutomaticDelayed';
const isManual = (type: StartType | null) => type === 'Manual' || type === 'Disabled';

/**
 * The startup type an active service ends with: the one its drain record keeps (`restore`); Automatic when the
 * record does not know it, or when a service out of rotation has no record; a Running service without a drain
 * record keeps its own (quiesce puts back what a drain changed, never more). Null for drivers without them.
 */
function returnStartType(observed: ServiceObservation): StartType | null {
  const { status, startType, restore } = observed;
  if (startType === null) return null;
  if (restore !== undefined && restore !== null) return restore;
  if (restore === undefined && status === 'Running') return startType;
  return isAutomatic(startType) ? startType : 'Automatic';
}

/**
 * Steps for one service, drained by `method` (drain.method; a load balancer's unit always by pause). Startup
 * type always changes first, so a reboot never undoes a drain.
 */
export function serviceSteps(
  desired: Mode,
  observed: ServiceObservation,
  method: DrainMethod = 'pause',
): ServiceVerdict {
  const { status, startType } = observed;
  // A graceful stop or a failover under way is StopPending for as long as its sessions last: a drain in
  // progress (health Draining, watched like a paused one), not a state change to wait on within seconds.
  if (desired === 'draining' && method !== 'pause' && status === 'StopPending') return NOTHING;
  if (isPending(status)) return WAITING;
  if (desired === 'active') {
    const target = returnStartType(observed);
    // The common case at scale, synced: one shared answer, nothing allocated.
    if (status === 'Running' && target === startType) return NOTHING;
    const steps: PlannedStep[] = [];
    const note =
      observed.restore === null || observed.restore === undefined
        ? 'no drain record says what it was before: Automatic'
        : `as before its drain: ${observed.restore}`;
    // A server failed over comes back by Invoke-CsComputerFailBack, after its startup types (method-steps.ts).
    if (method === 'failover' && status === 'Stopped') return failbackSteps(observed, target, note);
    if (target !== startType)
      steps.push({
        action: 'set-startup-type',
        after: { status, startType: target },
        note,
      });
    if (status === 'Paused')
      steps.push({ action: 'resume', after: { status: 'Running', startType: target } });
    if (status === 'Stopped')
      steps.push({ action: 'start', after: { status: 'Running', startType: target } });
    return { kind: 'steps', steps };
  }
  if (status !== 'Running' && isManual(startType)) return NOTHING;
  if (method !== 'pause') return methodDrainSteps(observed, method);
  if (status === 'Running' && !observed.canPause) {
    return {
      kind: 'error',
      message: `${observed.name} cannot be paused (it does not accept pause)`,
    };
  }
  const steps: PlannedStep[] = [];
  const target: StartType | null = startType === null || isManual(startType) ? startType : 'Manual';
  if (target !== startType)
    steps.push({ action: 'set-startup-type', after: { status, startType: target } });
  if (status === 'Running')
    steps.push({ action: 'pause', after: { status: 'Paused', startType: target } });
  return { kind: 'steps', steps };
}
