export { methodError, parseObserve, parseReturnValue, startTypeOf } from './cim-output.ts';
export type { ExecResult } from './exec.ts';
export { execFile, stderrExcerpt } from './exec.ts';
export {
  encodeCommand,
  observeScript,
  powershellArgs,
  psString,
  stepScript,
} from './powershell.ts';
export { parseScQc, parseScQuery, scFailureCode, systemError } from './sc-output.ts';
export type { SshOptions } from './ssh.ts';
export { sshArgv, sshExitArgv, sshFailure } from './ssh.ts';
export type { WindowsDriver, WindowsOptions } from './windows-driver.ts';
export { createWindowsDriver } from './windows-driver.ts';
