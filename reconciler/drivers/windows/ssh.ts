// The system OpenSSH client: batch mode, checked host keys; one connection carries one server's PowerShell session.
import { type DriverError, driverError } from '../../errors.ts';
import { stderrExcerpt } from './exec.ts';
import type { WindowsTarget } from './target.ts';

/** How to reach a server over ssh. */
export interface SshOptions {
  user: string | null;
  port: number | null;
  identityFile: string | null;
  knownHostsFile: string | null;
  connectTimeoutSeconds: number;
}

/** How a windows target says to reach its servers over ssh. */
export const sshOptionsOf = (target: WindowsTarget): SshOptions => ({
  user: target.user,
  port: target.port,
  identityFile: target.identityFile,
  knownHostsFile: target.knownHostsFile,
  connectTimeoutSeconds: Math.max(1, Math.round(target.connectTimeoutMs / 1000)),
});

/** ssh's options. */
function options(o: SshOptions): string[] {
  const args = [
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `ConnectTimeout=${o.connectTimeoutSeconds}`,
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    'LogLevel=ERROR',
  ];
  if (o.knownHostsFile !== null)
    args.push(
      '-o',
      `UserKnownHostsFile=${o.knownHostsFile}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
    );
  if (o.identityFile !== null) args.push('-i', o.identityFile, '-o', 'IdentitiesOnly=yes');
  if (o.port !== null) args.push('-p', String(o.port));
  if (o.user !== null) args.push('-l', o.user);
  return args;
}

/** argv that runs `remote` (words without spaces or quotes) on `host`. */
export function sshArgv(
  ssh: string,
  o: SshOptions,
  host: string,
  remote: readonly string[],
): string[] {
  return [ssh, '-T', ...options(o), '--', host, ...remote];
}

/** The DriverError for ssh's own failure (exit 255), by what it printed; null when ssh itself worked. */
export function sshFailure(code: number | null, stderr: string, host: string): DriverError | null {
  if (code !== 255) return null;
  const why = stderrExcerpt(stderr);
  if (
    /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(
      stderr,
    )
  ) {
    return driverError(
      'AccessDenied',
      `ssh to ${host}: host key verification failed (unknown or changed host key; check knownHostsFile): ${why}`,
    );
  }
  if (/Permission denied|Too many authentication failures|no mutual signature/i.test(stderr)) {
    return driverError(
      'AccessDenied',
      `ssh to ${host}: authentication failed (check user and identityFile): ${why}`,
    );
  }
  // ssh already waited its whole ConnectTimeout (TCP connect and banner exchange, ssh_config(5)): retrying at
  // once would wait as long again for each attempt (4 × connectTimeout per command); the next command or
  // round tries again.
  if (/timed out/i.test(stderr))
    return {
      ...driverError('Unreachable', `ssh to ${host}: connection timed out: ${why}`),
      transient: false,
    };
  return driverError('Unreachable', `ssh to ${host}: ${why || 'connection failed (exit 255)'}`);
}
