export { BOOTSTRAP, FRAME_MARK, sessionArgs } from './bootstrap.ts';
export type { Observed } from './cim-output.ts';
export { methodError, parseObserve, parseReturnValue, startTypeOf } from './cim-output.ts';
export { windowsDriver } from './descriptor.ts';
export type { ExecResult } from './exec.ts';
export { execFile, stderrExcerpt } from './exec.ts';
export { parseFrame, requestLine } from './frames.ts';
export { parseActivityLevel } from './lync-activity.ts';
export { encodeCommand, observeScript, psString, stepScript } from './powershell.ts';
export {
  activityFor,
  countersFor,
  infoFor,
  LYNC,
  LYNC_INFO,
  LYNC_SERVICE_PRESETS,
  SESSION_PRESETS,
} from './presets.ts';
export { parseScQc, parseScQuery, scFailureCode, systemError } from './sc-output.ts';
export { scriptError } from './script-error.ts';
export type { SshOptions } from './ssh.ts';
export { sshArgv, sshFailure } from './ssh.ts';
export type { SessionCounters, WindowsTarget, WindowsTargetDocument } from './target.ts';
export type { WindowsDriver, WindowsOptions } from './windows-driver.ts';
export { createWindowsDriver } from './windows-driver.ts';
