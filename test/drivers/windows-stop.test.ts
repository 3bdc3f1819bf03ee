// drain.onTimeout: stop on the windows driver: the stop step is Win32_Service.StopService through the real pwsh and
// the SCM double; the return starts the service and sets its startup type back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWindowsDriver } from '../../reconciler/drivers/windows/index.ts';
import { value } from '../helpers/builders/result.ts';
import { POWERSHELL, requirePwsh, scmWorld } from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

const HOST = 'fe01.contoso.com';

test('stop a paused service (StopService), then start it and put back Automatic (Delayed Start)', async () => {
  const scm = scmWorld({
    computer: HOST,
    services: { RTCSRV: { State: 'Paused', StartMode: 'Manual', AcceptPause: true } },
  });
  process.env.QUIESCE_SCM_WORLD = scm.path;
  const driver = createWindowsDriver(
    {
      driver: 'windows',
      via: 'cim',
      user: null,
      port: null,
      identityFile: null,
      knownHostsFile: null,
      connectTimeoutMs: 5000,
      sessions: {},
    },
    { powershell: POWERSHELL, timeoutMs: 20_000 },
  );
  try {
    value(await driver.run(HOST, 'RTCSRV', { action: 'stop' }));
    const [stopped] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([stopped!.status, stopped!.startType], ['Stopped', 'Manual']);
    value(
      await driver.run(HOST, 'RTCSRV', {
        action: 'set-startup-type',
        startType: 'AutomaticDelayed',
      }),
    );
    value(await driver.run(HOST, 'RTCSRV', { action: 'start' }));
    const [back] = value(await driver.observe(HOST, ['RTCSRV']));
    assert.equal([back!.status, back!.startType], ['Running', 'AutomaticDelayed']);
  } finally {
    await driver.close();
  }
});

test.run();
