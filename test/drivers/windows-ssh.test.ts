// The Windows driver's ssh path end to end: a real sshd on loopback, real keys, real multiplexing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWindowsDriver } from '../../reconciler/drivers/windows/index.ts';
import type { TargetSpec } from '../../reconciler/model.ts';
import { runCli } from '../helpers/capture.ts';
import { error, value } from '../helpers/result.ts';
import { haveSshd, startSshd } from '../helpers/sshd.ts';
import { tempTree } from '../helpers/temp-tree.ts';

if (!haveSshd()) throw new Error("sshd is not installed: .ci/run installs Debian's openssh-server");

const services = {
  RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true, Sessions: 37 },
  RTCMEDSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true, Sessions: 5 },
  RTCATS: { State: 'Running', StartMode: 'Auto', AcceptPause: false, Sessions: 0 },
};
const counters = { RTCSRV: '\\LS:SIP - Peers(*)\\SIP - Connected Clients' };

type Sshd = Awaited<ReturnType<typeof startSshd>>;
function target(sshd: Sshd, over: Partial<Extract<TargetSpec, { driver: 'windows' }>> = {}) {
  return {
    driver: 'windows' as const,
    via: 'ssh' as const,
    user: sshd.user,
    port: sshd.port,
    identityFile: sshd.identityFile,
    knownHostsFile: sshd.knownHostsFile,
    connectTimeoutMs: 5000,
    sessions: counters,
    ...over,
  };
}

test('observe and steps over one multiplexed connection; sessions from the counter; closed at the end', async () => {
  const sshd = await startSshd({ services: structuredClone(services) });
  const driver = createWindowsDriver(target(sshd));
  try {
    const seen = value(await driver.observe('127.0.0.1', ['RTCSRV', 'RTCMEDSRV']));
    assert.equal(
      seen.map((s) => [s.name, s.status, s.startType, s.sessions]),
      [
        ['RTCSRV', 'Running', 'Automatic', 37],
        ['RTCMEDSRV', 'Running', 'Automatic', null],
      ],
    );
    value(
      await driver.run('127.0.0.1', 'RTCSRV', { action: 'set-startup-type', startType: 'Manual' }),
    );
    value(await driver.run('127.0.0.1', 'RTCSRV', { action: 'pause' }));
    const after = value(await driver.observe('127.0.0.1', ['RTCSRV']));
    assert.equal([after[0]!.status, after[0]!.startType], ['Paused', 'Manual']);
    assert.equal(sshd.scenario().services.RTCSRV, {
      ...services.RTCSRV,
      State: 'Paused',
      StartMode: 'Manual',
    });
    assert.is(sshd.accepted(), 1, 'four calls, one ssh connection');
    await driver.close();
    value(await driver.observe('127.0.0.1', ['RTCSRV']));
    assert.is(sshd.accepted(), 2, 'after close, a new connection');
  } finally {
    await driver.close();
    await sshd.stop();
  }
});

test('a whole drain through the CLI on the windows driver over ssh', async () => {
  const sshd = await startSshd({ services: structuredClone(services) });
  try {
    const yaml = `apiVersion: quiesce/v1
kind: Pool
metadata: {name: fe}
spec:
  target:
    driver: windows
    via: ssh
    user: ${sshd.user}
    port: ${sshd.port}
    identityFile: ${sshd.identityFile}
    knownHostsFile: ${sshd.knownHostsFile}
    sessions:
      RTCSRV: '\\LS:SIP - Peers(*)\\SIP - Connected Clients'
  loadBalancing: dns
  services: [RTCSRV, RTCMEDSRV]
  budget: {maxUnavailable: 1}
  servers:
    127.0.0.1: draining
    localhost: active
`;
    const tree = tempTree({ 'fe.yaml': yaml });
    const state = tempTree({});
    const out = await runCli(['apply', tree, '--state-dir', state]);
    assert.is(out.code, 0, out.stdout + out.stderr);
    assert.equal(sshd.scenario().services.RTCSRV.State, 'Paused');
    assert.equal(sshd.scenario().services.RTCMEDSRV.StartMode, 'Manual');
    const status = JSON.parse(
      (await runCli(['status', tree, '--state-dir', state, '--output', 'json'])).stdout,
    );
    assert.equal(
      status.pools[0].servers[0].services.map((s: { health: string }) => s.health),
      ['Draining', 'Paused'],
    );
  } finally {
    await sshd.stop();
  }
});

test('a service that does not accept pause, and one that is not installed', async () => {
  const sshd = await startSshd({ services: structuredClone(services) });
  const driver = createWindowsDriver(target(sshd));
  try {
    assert.is(
      error(await driver.run('127.0.0.1', 'RTCATS', { action: 'pause' })).kind,
      'CannotPause',
    );
    assert.is(error(await driver.observe('127.0.0.1', ['RTCXXX'])).kind, 'NotFound');
    assert.is(error(await driver.run('127.0.0.1', 'RTCXXX', { action: 'pause' })).kind, 'NotFound');
  } finally {
    await driver.close();
    await sshd.stop();
  }
});

test('a single object instead of an array, and a large answer (2 MB), parse', async () => {
  const sshd = await startSshd({ services: structuredClone(services), unwrapSingle: true });
  const driver = createWindowsDriver(target(sshd));
  try {
    assert.is(value(await driver.observe('127.0.0.1', ['RTCSRV']))[0]!.sessions, 37);
    sshd.setScenario({ ...sshd.scenario(), padding: 2 * 1024 * 1024 });
    assert.is(value(await driver.observe('127.0.0.1', ['RTCSRV', 'RTCMEDSRV'])).length, 2);
  } finally {
    await driver.close();
    await sshd.stop();
  }
});

test('a remote that hangs is a Timeout (transient)', async () => {
  const sshd = await startSshd({ services, hang: true });
  const driver = createWindowsDriver(target(sshd), { timeoutMs: 1500 });
  try {
    const started = Date.now();
    const e = error(await driver.observe('127.0.0.1', ['RTCSRV']));
    assert.equal([e.kind, e.transient], ['Timeout', true]);
    assert.ok(Date.now() - started < 5000);
  } finally {
    await driver.close();
    await sshd.stop();
  }
});

test('refused port, wrong key and changed host key are told apart', async () => {
  const sshd = await startSshd({ services });
  try {
    const refused = createWindowsDriver(target(sshd, { port: 1 }));
    const down = error(await refused.observe('127.0.0.1', ['RTCSRV']));
    assert.equal([down.kind, down.transient], ['Unreachable', true]);
    const wrongKey = createWindowsDriver(target(sshd, { identityFile: sshd.wrongIdentityFile }));
    const auth = error(await wrongKey.observe('127.0.0.1', ['RTCSRV']));
    assert.equal([auth.kind, auth.transient], ['AccessDenied', false]);
    assert.match(auth.message, /authentication failed/);
    const changed = createWindowsDriver(
      target(sshd, { knownHostsFile: sshd.changedKnownHostsFile }),
    );
    const hostKey = error(await changed.observe('127.0.0.1', ['RTCSRV']));
    assert.equal([hostKey.kind, hostKey.transient], ['AccessDenied', false]);
    assert.match(hostKey.message, /host key verification failed/);
    assert.not.match(`${auth.message}${hostKey.message}`, /PRIVATE KEY/);
    for (const d of [refused, wrongKey, changed]) await d.close();
  } finally {
    await sshd.stop();
  }
});

test.run();
