// drain.method on the windows driver through the real pwsh, the SCM double and the Lync module double
// (test/fixtures/windows-scm/lync/Lync/): Stop-CsWindowsService -Graceful -NoWait (Stop Pending until its
// requests end, then Stopped), Invoke-CsComputerFailOver -WaitTime (the computer's services stopped and
// disabled; past -WaitTime an error and nothing changed), Invoke-CsComputerFailBack (enabled and started); a
// service already so runs no cmdlet; a server without the module says so.
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWindowsDriver } from '../../reconciler/drivers/windows/index.ts';
import { value } from '../helpers/builders/result.ts';
import {
  CIM_TARGET,
  POWERSHELL,
  requirePwsh,
  type ScmWorld,
  scmWorld,
} from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

const HOST = 'fe01.contoso.com';
const SERVICES = ['RTCSRV', 'RTCMEDSRV'];

function setup(world: Partial<ScmWorld> = {}) {
  const scm = scmWorld({
    computer: HOST,
    services: {
      RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true },
      RTCMEDSRV: { State: 'Running', StartMode: 'Manual', AcceptPause: false },
    },
    ...world,
  });
  process.env.QUIESCE_SCM_WORLD = scm.path;
  const driver = createWindowsDriver(CIM_TARGET, { powershell: POWERSHELL, timeoutMs: 20_000 });
  const look = async () =>
    value(await driver.observe(HOST, SERVICES)).map((s) => `${s.name} ${s.status}/${s.startType}`);
  /** The Lync cmdlets called so far, one line each. */
  const calls = () =>
    existsSync(`${scm.path}.lync`)
      ? readFileSync(`${scm.path}.lync`, 'utf8').trim().split('\n').filter(Boolean)
      : [];
  return { scm, driver, look, calls };
}

test('graceful-stop: Stop Pending while it holds requests, Stopped once they end; again runs no cmdlet', async () => {
  const { scm, driver, look, calls } = setup({ lyncSessions: { RTCSRV: 3 } });
  try {
    value(await driver.run(HOST, 'RTCSRV', { action: 'graceful-stop' }));
    assert.equal(await look(), ['RTCSRV StopPending/Automatic', 'RTCMEDSRV Running/Manual']);
    assert.equal(calls(), ['Stop-CsWindowsService -Name RTCSRV -Graceful:True -NoWait:True']);
    value(await driver.run(HOST, 'RTCSRV', { action: 'graceful-stop' }));
    assert.is(calls().length, 1, 'a service stopping already needs no second call');
    scm.write({ ...scm.read(), lyncSessions: { RTCSRV: 0 } });
    assert.equal(await look(), ['RTCSRV Stopped/Automatic', 'RTCMEDSRV Running/Manual']);
    // A service that does not accept pause stops gracefully all the same.
    value(await driver.run(HOST, 'RTCMEDSRV', { action: 'graceful-stop' }));
    assert.equal((await look())[1], 'RTCMEDSRV Stopped/Manual');
  } finally {
    await driver.close();
  }
});

test('failover with -WaitTime from drain.timeout: every service stopped and disabled; failback enables and starts them', async () => {
  const { driver, look, calls } = setup({ failover: { drainMs: 200 } });
  try {
    value(await driver.run(HOST, 'RTCSRV', { action: 'failover', waitMs: 90 * 60_000 }));
    assert.equal(await look(), ['RTCSRV Stopped/Disabled', 'RTCMEDSRV Stopped/Disabled']);
    value(await driver.run(HOST, 'RTCMEDSRV', { action: 'failover', waitMs: 90 * 60_000 }));
    assert.equal(calls(), [`Invoke-CsComputerFailOver -ComputerName ${HOST} -WaitTime 01:30:00`]);
    value(await driver.run(HOST, 'RTCSRV', { action: 'failback' }));
    value(await driver.run(HOST, 'RTCMEDSRV', { action: 'failback' }));
    assert.equal(await look(), ['RTCSRV Running/Automatic', 'RTCMEDSRV Running/Automatic']);
    assert.equal(calls().slice(1), [
      `Invoke-CsComputerFailBack -ComputerName ${HOST} -NoStart:False`,
    ]);
  } finally {
    await driver.close();
  }
});

test('failover past -WaitTime: the cmdlet fails, the step says why, and nothing changed', async () => {
  const { scm, driver, calls } = setup({ failover: { drainMs: 60_000 } });
  const before = scm.read().services;
  try {
    const failed = await driver.run(HOST, 'RTCSRV', { action: 'failover', waitMs: 1000 });
    assert.ok(failed.isErr());
    assert.is(failed._unsafeUnwrapErr().kind, 'Timeout');
    assert.is(
      failed._unsafeUnwrapErr().transient,
      false,
      'not retried: it would wait as long again',
    );
    assert.match(
      failed._unsafeUnwrapErr().message,
      /^failover RTCSRV on fe01\.contoso\.com: script error: Failover of fe01\.contoso\.com timed out after 00:00:01 .* No action was taken\./,
    );
    assert.equal(scm.read().services, before);
    assert.equal(calls(), [`Invoke-CsComputerFailOver -ComputerName ${HOST} -WaitTime 00:00:01`]);
  } finally {
    await driver.close();
  }
});

test('a server without the Lync module: the step fails naming the module, nothing changed', async () => {
  const { scm, driver } = setup({ lync: false });
  const before = scm.read().services;
  try {
    const failed = await driver.run(HOST, 'RTCSRV', { action: 'graceful-stop' });
    assert.ok(failed.isErr());
    assert.match(
      failed._unsafeUnwrapErr().message,
      /^graceful-stop RTCSRV on fe01\.contoso\.com: the Lync Server \/ Skype for Business Server module is not on fe01\.contoso\.com/,
    );
    assert.equal(scm.read().services, before);
  } finally {
    await driver.close();
  }
});

test.run();
