// The lync2013-readiness gate over ssh: a real sshd on loopback whose powershell.exe is the real pwsh with the
// Lync double; the script runs in the Front End's own session (no Invoke-Command). And both script shapes
// checked by PowerShell's parser for Windows PowerShell 3.0 commands and syntax.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fabricScript } from '../../reconciler/drivers/windows/lync-fabric-script.ts';
import { windowsReadiness } from '../../reconciler/drivers/windows/readiness.ts';
import { readinessScript } from '../../reconciler/drivers/windows/readiness-script.ts';
import { error, value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { haveSshd, sshTarget, startSshd } from '../helpers/harnesses/sshd.ts';
import { requirePwsh } from '../helpers/harnesses/windows-scm.ts';

if (!haveSshd()) throw new Error("sshd is not installed: .ci/run installs Debian's openssh-server");
const pwsh = requirePwsh();

test('over ssh: the state from the server itself; a refused key says which server and what to check', async () => {
  // No "computer": a script that went through Invoke-Command -ComputerName would fail here.
  const sshd = await startSshd({ services: {}, readiness: { state: 'Busy' } });
  const target = sshTarget(sshd);
  try {
    assert.is(value(await windowsReadiness(target, ['127.0.0.1'])).state, 'Busy');
    assert.is(sshd.world.asks().length, 1);
    assert.is(sshd.accepted(), 1);
    const refused = error(
      await windowsReadiness({ ...target, identityFile: sshd.wrongIdentityFile }, ['127.0.0.1']),
    );
    assert.match(
      refused,
      /^ssh to 127\.0\.0\.1: authentication failed \(check user and identityFile\).*; check that 127\.0\.0\.1 takes ssh with the pool's user, identityFile and knownHostsFile$/,
    );
    assert.is(sshd.world.asks().length, 1);
  } finally {
    await sshd.stop();
  }
});

test('every readiness and fabric script shape parses and use only Windows PowerShell 3.0 commands and syntax', () => {
  const odd = "fe01.contoso.com'; Stop-Computer; '";
  const scripts = [
    { name: 'readiness (ssh)', text: readinessScript(null), request: true },
    { name: 'readiness (cim)', text: readinessScript(odd), request: true },
    { name: 'readiness sfb2019 (ssh)', text: readinessScript(null, true), request: true },
    { name: 'readiness sfb2019 (cim)', text: readinessScript(odd, true), request: true },
    { name: 'fabric (ssh)', text: fabricScript('pool01.contoso.com', null), request: true },
    { name: 'fabric (cim)', text: fabricScript(odd, odd), request: true },
  ];
  const path = join(tempTree({}), 'scripts.json');
  writeFileSync(path, JSON.stringify(scripts));
  const checker = resolve('test/fixtures/windows-scm/Test-Ps3Compat.ps1');
  const out = execFileSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', checker, path], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(JSON.parse(out), []);
});

test.run();
