// A real OpenSSH server on loopback with throwaway keys, for the Windows driver's ssh path.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './haproxy.ts';
import { tempTree } from './temp-tree.ts';

/** Whether sshd is installed (CI installs Debian's openssh-server). */
export const haveSshd = () => existsSync('/usr/sbin/sshd');

const keygen = (path: string) =>
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'quiesce-test', '-f', path]);

/** A running sshd whose only command is the fake powershell.exe answering from `scenario`. */
export async function startSshd(scenario: object) {
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
    `[127.0.0.1]:${port} ${hostKey}\n[localhost]:${port} ${hostKey}\n`,
  );
  writeFileSync(join(dir, 'changed_known_hosts'), `[127.0.0.1]:${port} ${otherHostKey}\n`);
  const scenarioPath = join(dir, 'scenario.json');
  writeFileSync(scenarioPath, JSON.stringify(scenario));
  const fake = resolve('test/fixtures/fake-powershell.mjs');
  writeFileSync(
    join(dir, 'sshd_config'),
    `Port ${port}
ListenAddress 127.0.0.1
HostKey ${join(dir, 'host_key')}
PidFile ${join(dir, 'sshd.pid')}
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
ForceCommand ${process.execPath} ${fake} ${scenarioPath}
`,
  );
  mkdirSync('/run/sshd', { recursive: true });
  let log = '';
  const child: ChildProcess = spawn(
    '/usr/sbin/sshd',
    ['-D', '-e', '-f', join(dir, 'sshd_config')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 5000;
  while (!log.includes('Server listening')) {
    if (Date.now() > deadline || child.exitCode !== null)
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
    scenarioPath,
    scenario: () => JSON.parse(readFileSync(scenarioPath, 'utf8')),
    setScenario: (value: object) => writeFileSync(scenarioPath, JSON.stringify(value)),
    /** How many connections sshd accepted so far. */
    accepted: () => (log.match(/Accepted publickey/g) ?? []).length,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
