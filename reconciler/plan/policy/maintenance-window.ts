// The windows hold: the start of a plain drain waits for the pool's maintenance window; nothing else does.
import { isUnavailable } from '../maintenance/observed.ts';
import { ALLOWED, type PolicyRule } from './rule.ts';

/**
 * Holds a drain that would start while the pool's window is closed (rule maintenance-window). A drain already
 * begun (the server is out) goes on, a round's own drains passed the window when they started, and returns
 * are never held back (they are not drains).
 */
export const maintenanceWindow: PolicyRule = ({ pool, server, fleet, window, round }) => {
  if (window === undefined || window.allowed) return ALLOWED;
  if (round?.modes.get(server.name) === 'draining') return ALLOWED;
  if (isUnavailable(pool, fleet.observed?.get(server.name))) return ALLOWED;
  return {
    kind: 'blocked',
    rule: 'maintenance-window',
    message: `draining ${server.name} waits for a maintenance window: ${window.text}`,
  };
};
