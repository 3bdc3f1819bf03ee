// A real OpenSSH server on loopback with throwaway keys, for the Windows driver's ssh path.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { tempTree } from '../builders/temp-tree.ts';
import { freePort } from './haproxy.ts';
import { POWERSHELL, requirePwsh, type ScmWorld, scmWorld } from './windows-scm.ts';

/** Whether sshd is installed (CI installs Debian's openssh-server). */
export const haveSshd = () => existsSync('/usr/sbin/sshd');

const keygen = (path: string) =>
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'quiesce-test', '-f', path]);

/** A running sshd whose only command is the stand-in powershell.exe: real pwsh with the SCM double on `world`. */
export async function startSshd(world: ScmWorld, options: { hosts?: number } = {}) {
  /** Loopback addresses it listens on (127.0.0.1 … 127.0.0.N), each a distinct "server" with the same key. */
  const addresses = Array.from({ length: options.hosts ?? 1 }, (_, i) => `127.0.0.${i + 1}`);
  requirePwsh();
  const dir = tempTree({});
  const port = await freePort();
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'user_key'));
  keygen(join(dir, 'other_key'));
  keygen(join(dir, 'other_host_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_key.pub')));
  const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8')
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  const otherHostKey = readFileSync(join(dir, 'other_host_key.pub'), 'utf8')
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  writeFileSync(
    join(dir, 'known_hosts'),
    `${[...addresses, 'localhost'].map((a) => `[${a}]:${port} ${hostKey}\n`).join('')}`,
  );
  writeFileSync(join(dir, 'changed_known_hosts'), `[127.0.0.1]:${port} ${otherHostKey}\n`);
  const scm = scmWorld(world);
  const config = (listen: string[], index: number) =>
    `Port ${port}
${listen.map((a) => `ListenAddress ${a}`).join('\n')}
HostKey ${join(dir, 'host_key')}
PidFile ${join(dir, `sshd${index}.pid`)}
AuthorizedKeysFile ${join(dir, 'authorized_keys')}
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AllowUsers ${userInfo().username}
MaxSessions 64
MaxStartups 64
LogLevel INFO
ForceCommand ${POWERSHELL} ${scm.path}
`;
  mkdirSync('/run/sshd', { recursive: true });
  let log = '';
  // sshd listens on at most 16 addresses: one daemon per 16, same port and keys.
  const children: ChildProcess[] = [];
  for (let i = 0; i < addresses.length; i += 16) {
    const path = join(dir, `sshd${i}_config`);
    writeFileSync(path, config(addresses.slice(i, i + 16), i));
    const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk) => (log += chunk));
    children.push(child);
  }
  const deadline = Date.now() + 5000;
  while ((log.match(/Server listening/g) ?? []).length < addresses.length) {
    if (Date.now() > deadline || children.some((c) => c.exitCode !== null))
      throw new Error(`sshd did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    port,
    dir,
    user: userInfo().username,
    identityFile: join(dir, 'user_key'),
    wrongIdentityFile: join(dir, 'other_key'),
    knownHostsFile: join(dir, 'known_hosts'),
    changedKnownHostsFile: join(dir, 'changed_known_hosts'),
    world: scm,
    /** How many connections sshd accepted so far. */
    accepted: () => (log.match(/Accepted publickey/g) ?? []).length,
    async stop() {
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const gone = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await gone;
        }),
      );
    },
  };
}

/** A `via: ssh` windows target that reaches `sshd` with its user and keys (no session counters). */
export function sshTarget(sshd: Awaited<ReturnType<typeof startSshd>>) {
  return {
    driver: 'windows' as const,
    via: 'ssh' as const,
    user: sshd.user,
    port: sshd.port,
    identityFile: sshd.identityFile,
    knownHostsFile: sshd.knownHostsFile,
    connectTimeoutMs: 5000,
    sessions: {},
  };
}
