// The cim and sc paths with stand-ins for powershell.exe and sc.exe (Linux has neither); quiesce's side is real.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWindowsDriver } from '../../reconciler/drivers/windows/index.ts';
import { error, value } from '../helpers/result.ts';
import { tempTree } from '../helpers/temp-tree.ts';

const base = {
  user: null,
  port: null,
  identityFile: null,
  knownHostsFile: null,
  connectTimeoutMs: 5000,
};
const services = {
  RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true, Sessions: 12 },
  RTCATS: { State: 'Running', StartMode: 'Auto', AcceptPause: false, Sessions: 0 },
};

function scenario(extra: object = {}) {
  const path = join(tempTree({}), 'scenario.json');
  writeFileSync(path, JSON.stringify({ services: structuredClone(services), ...extra }));
  process.env.QUIESCE_FAKE_SCENARIO = path;
  return { read: () => JSON.parse(readFileSync(path, 'utf8')) };
}

test('cim: the local powershell.exe with -ComputerName, one call per observe', async () => {
  const world = scenario({ computer: 'fe01.contoso.com' });
  const driver = createWindowsDriver(
    { driver: 'windows', via: 'cim', ...base, sessions: { RTCSRV: '\\X(*)\\Y' } },
    { powershell: resolve('test/fixtures/fake-powershell.mjs') },
  );
  const seen = value(await driver.observe('fe01.contoso.com', ['RTCSRV']));
  assert.equal([seen[0]!.status, seen[0]!.sessions], ['Running', 12]);
  value(await driver.run('fe01.contoso.com', 'RTCSRV', { action: 'pause' }));
  assert.is(world.read().services.RTCSRV.State, 'Paused');
  assert.is(driver.calls.remote, 2);
  assert.is(
    error(await driver.observe('fe02.contoso.com', ['RTCSRV'])).kind,
    'Unexpected',
    'the script must name the computer',
  );
});

test('sc: query/qc parsed by numbers from German output; steps and FAILED codes', async () => {
  const world = scenario();
  const driver = createWindowsDriver(
    { driver: 'windows', via: 'sc', ...base, sessions: {} },
    { sc: resolve('test/fixtures/fake-sc.mjs') },
  );
  const seen = value(await driver.observe('fe01', ['RTCSRV', 'RTCATS']));
  assert.equal(
    seen.map((s) => [s.name, s.status, s.startType, s.canPause, s.sessions]),
    [
      ['RTCSRV', 'Running', 'Automatic', true, null],
      ['RTCATS', 'Running', 'Automatic', false, null],
    ],
  );
  value(await driver.run('fe01', 'RTCSRV', { action: 'set-startup-type', startType: 'Manual' }));
  value(await driver.run('fe01', 'RTCSRV', { action: 'pause' }));
  assert.equal(
    [world.read().services.RTCSRV.State, world.read().services.RTCSRV.StartMode],
    ['Paused', 'Manual'],
  );
  assert.is(error(await driver.run('fe01', 'RTCATS', { action: 'pause' })).kind, 'CannotPause');
  assert.is(error(await driver.run('fe01', 'RTCXXX', { action: 'pause' })).kind, 'NotFound');
  assert.is(error(await driver.observe('fe01', ['RTCXXX'])).kind, 'NotFound');
});

test('a missing program is a clear error', async () => {
  const driver = createWindowsDriver(
    { driver: 'windows', via: 'sc', ...base, sessions: {} },
    { sc: '/nonexistent/sc.exe' },
  );
  const e = error(await driver.observe('fe01', ['RTCSRV']));
  assert.match(e.message, /cannot run \/nonexistent\/sc\.exe: ENOENT/);
});

test.run();
