// doctor over ssh: a real sshd on loopback whose powershell.exe is the real pwsh with the SCM double; the host
// key looked up in the target's known_hosts, the server part run in the server's own session (no
// Invoke-Command), and a server whose key is unknown reported as such, with the ssh-keyscan to run.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { windowsDoctor } from '../../reconciler/drivers/windows/doctor.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { haveSshd, sshTarget, startSshd } from '../helpers/harnesses/sshd.ts';

if (!haveSshd()) throw new Error("sshd is not installed: .ci/run installs Debian's openssh-server");

test('over ssh: host key known, reachable, services and rights from the server itself; an unknown key fails with the fix', async () => {
  // No "computer": a check that went through -ComputerName or Invoke-Command would fail here.
  const sshd = await startSshd({
    services: { RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true } },
  });
  const before = readFileSync(sshd.world.path);
  try {
    const target = sshTarget(sshd);
    const fe = pool('fe', { '127.0.0.1': 'active' });
    const findings = await windowsDoctor(target, { pool: fe, now: Date.now });
    const line = (check: string) =>
      findings.filter((f) => f.check === check).map((f) => `${f.level} ${f.message}`);
    assert.equal(line('host-key'), [
      `ok [127.0.0.1]:${sshd.port} has a host key in ${sshd.knownHostsFile}`,
    ]);
    assert.equal(line('reach'), ['ok reachable over ssh (OpenSSH, powershell.exe there)']);
    assert.equal(line('service'), ['ok RTCSRV: Running, startup Auto, accepts pause']);
    assert.equal(
      line('rights').map((l) => l.split(':')[0]),
      ['ok RTCSRV'],
    );
    assert.ok(
      findings.every((f) => f.level !== 'fail'),
      JSON.stringify(findings),
    );

    const empty = tempTree({ known_hosts: '' });
    const unknown = await windowsDoctor(
      { ...target, knownHostsFile: `${empty}/known_hosts` },
      { pool: fe, now: Date.now },
    );
    const hostKey = unknown.find((f) => f.check === 'host-key')!;
    assert.is(hostKey.level, 'fail');
    assert.match(
      hostKey.fix ?? '',
      new RegExp(`^collect it once .*ssh-keyscan -p ${sshd.port} 127\\.0\\.0\\.1 >> `),
    );
    assert.is(unknown.find((f) => f.check === 'reach')?.level, 'fail');
    assert.ok(readFileSync(sshd.world.path).equals(before), 'the world file is unchanged');
  } finally {
    await sshd.stop();
  }
});

test.run();
