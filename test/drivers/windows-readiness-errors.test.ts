// The lync2013-readiness gate's failures on a windows pool, each one line saying what failed, on which server,
// and what to do: through the real pwsh with the Lync double, in local sessions as `via: cim` runs them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readinessSessions, windowsReadiness } from '../../reconciler/drivers/windows/readiness.ts';
import { error } from '../helpers/builders/result.ts';
import {
  CIM_TARGET,
  localWorld,
  POWERSHELL,
  requirePwsh,
  type ScmWorld,
} from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

/** The Front End fe01's world. */
const frontEnd = (world: Partial<ScmWorld>) =>
  localWorld({ computer: 'fe01', services: {}, ...world });

const ask = (servers: string[], powershell = POWERSHELL) =>
  windowsReadiness(CIM_TARGET, servers, { powershell, timeoutMs: 20_000 });

test('unreachable, then no Lync module: both on one line, each with what to do', async () => {
  frontEnd({ lync: false });
  const message = error(await ask(['fe02', 'fe01']));
  assert.not.match(message, /\n/);
  const [unreachable, missing] = message.split(' | ');
  assert.match(
    unreachable!,
    /^Get-CsPoolUpgradeReadinessState on fe02: script error: WinRM cannot complete the operation on 'fe02'.*; check PowerShell remoting to fe02 \(WinRM: Enable-PSRemoting there/,
  );
  assert.is(
    missing,
    'Get-CsPoolUpgradeReadinessState is not available on fe01 (no Lync Server or Skype for Business Server module there); ask a Front End of the pool, or use a command gate',
  );
});

test('an answer without a pool state, and a cmdlet that fails, name the server and the way on', async () => {
  const scm = frontEnd({ readiness: { shape: 'none' } });
  // One kept session for the three answers (the double reads the world at each call).
  const sessions = readinessSessions(CIM_TARGET, { powershell: POWERSHELL, keep: true });
  const answer = async (readiness: ScmWorld['readiness']) => {
    scm.write({ ...scm.read(), readiness });
    return error(await windowsReadiness(CIM_TARGET, ['fe01'], { sessions }));
  };
  try {
    assert.is(
      await answer({ shape: 'none' }),
      'Get-CsPoolUpgradeReadinessState on fe01 gave no pool state: no PoolUpgradeState in its answer (System.Management.Automation.PSCustomObject with Identity); run it there to see its output, or use a command gate',
    );
    assert.match(await answer({ shape: 'empty' }), /gave no pool state: it returned nothing;/);
    assert.is(
      await answer({ fail: 'Cannot reach the Windows Fabric of the pool.' }),
      'Get-CsPoolUpgradeReadinessState on fe01: script error: Cannot reach the Windows Fabric of the pool. [GetPoolUpgradeReadinessState]; run Get-CsPoolUpgradeReadinessState in the Lync Server Management Shell on fe01 to see why, or use a command gate',
    );
  } finally {
    await sessions.close();
  }
});

test('at most three servers are asked; no PowerShell at all; sc cannot ask', async () => {
  frontEnd({});
  const message = error(await ask(['fe02', 'fe03', 'fe04', 'fe05'], '/nonexistent/powershell.exe'));
  assert.equal(message.split(' | '), [
    'Get-CsPoolUpgradeReadinessState on fe02: cannot run /nonexistent/powershell.exe: ENOENT; install it on the machine running quiesce (or put it on PATH)',
    'Get-CsPoolUpgradeReadinessState on fe03: cannot run /nonexistent/powershell.exe: ENOENT; install it on the machine running quiesce (or put it on PATH)',
    'Get-CsPoolUpgradeReadinessState on fe04: cannot run /nonexistent/powershell.exe: ENOENT; install it on the machine running quiesce (or put it on PATH)',
  ]);
  assert.match(
    error(await windowsReadiness({ ...CIM_TARGET, via: 'sc' }, ['fe01'])),
    /needs PowerShell on the pool's servers: use windows via ssh or cim/,
  );
  assert.match(error(await ask([])), /the pool has no server to ask/);
});

test.run();
