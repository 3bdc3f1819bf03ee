// The simulated driver's drain.method steps, as Microsoft documents the cmdlets: Stop-CsWindowsService -Graceful
// (StopPending until its sessions end, then Stopped), Invoke-CsComputerFailOver (every service of the server out
// and Disabled; past -WaitTime nothing changes and the step fails), Invoke-CsComputerFailBack (enabled, started).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSimulatedDriver, type SimServer } from '../../reconciler/drivers/simulated/index.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const SERVICES = ['RTCSRV', 'RTCMEDSRV'];
const HOUR = 3_600_000;

function setup(server: SimServer) {
  const dir = tempTree({});
  writeWorld(dir, 'p', { servers: { a: server } });
  let clock = 1_000_000;
  const driver = createSimulatedDriver(pool('p', { a: 'draining' }, { services: SERVICES }), {
    stateDir: dir,
    now: () => clock,
    sleep: async () => {},
    random: () => 0,
    sessionSeconds: 1,
  });
  const look = async () =>
    (await driver.observe('a', SERVICES))
      ._unsafeUnwrap()
      .map((s) => `${s.name} ${s.status}/${s.startType} ${s.sessions}`);
  return { driver, look, tick: (ms: number) => (clock += ms) };
}

const server = (sessions: number, over = {}): SimServer => ({
  fault: null,
  latencyMs: 0,
  services: {
    RTCSRV: runningService(sessions, { sessionMs: 60_000, ...over }),
    RTCMEDSRV: runningService(0, { startType: 'AutomaticDelayed' }),
  },
});

test('graceful-stop: StopPending while its sessions end (no new ones), then Stopped; again is a no-op', async () => {
  const { driver, look, tick } = setup(server(20));
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'graceful-stop' })).isOk());
  assert.equal(await look(), [
    'RTCSRV StopPending/Automatic 20',
    'RTCMEDSRV Running/AutomaticDelayed 0',
  ]);
  tick(60_000);
  const [mid] = await look();
  assert.match(mid!, /^RTCSRV StopPending\/Automatic [1-9]$/, 'fewer sessions, still stopping');
  assert.ok(
    (await driver.run('a', 'RTCSRV', { action: 'graceful-stop' })).isOk(),
    'again: nothing',
  );
  tick(HOUR);
  assert.equal((await look())[0], 'RTCSRV Stopped/Automatic 0');
  // A Stopped service starts again.
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'start' })).isOk());
  tick(1000);
  assert.equal((await look())[0], 'RTCSRV Running/Automatic 0');
});

test('graceful-stop of a service with no sessions: Stopped at once', async () => {
  const { driver, look } = setup(server(0));
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'graceful-stop' })).isOk());
  assert.equal((await look())[0], 'RTCSRV Stopped/Automatic 0');
});

test('failover: every service of the server refuses new sessions and is Disabled; Stopped as each drains; a second step is a no-op', async () => {
  const { driver, look, tick } = setup(server(20));
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'failover', waitMs: HOUR })).isOk());
  assert.equal(await look(), ['RTCSRV StopPending/Disabled 20', 'RTCMEDSRV Stopped/Disabled 0']);
  assert.ok((await driver.run('a', 'RTCMEDSRV', { action: 'failover', waitMs: HOUR })).isOk());
  tick(HOUR);
  assert.equal(await look(), ['RTCSRV Stopped/Disabled 0', 'RTCMEDSRV Stopped/Disabled 0']);
  // Failback: enabled (Automatic) and started.
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'failback' })).isOk());
  assert.ok((await driver.run('a', 'RTCMEDSRV', { action: 'failback' })).isOk(), 'again: nothing');
  tick(1000);
  assert.equal(await look(), ['RTCSRV Running/Automatic 0', 'RTCMEDSRV Running/Automatic 0']);
});

test('failover moves the signed-in clients off at once; a graceful stop keeps them until it has stopped', async () => {
  const withClients = (): SimServer => {
    const s = server(20);
    return {
      ...s,
      services: {
        RTCSRV: { ...s.services.RTCSRV!, clients: 40, registered: 55 },
        RTCMEDSRV: s.services.RTCMEDSRV!,
      },
    };
  };
  const graceful = setup(withClients());
  assert.ok((await graceful.driver.run('a', 'RTCSRV', { action: 'graceful-stop' })).isOk());
  const [stopping] = (await graceful.driver.observe('a', ['RTCSRV']))._unsafeUnwrap();
  assert.equal([stopping!.status, stopping!.clients], ['StopPending', 40]);
  const failover = setup(withClients());
  assert.ok(
    (await failover.driver.run('a', 'RTCSRV', { action: 'failover', waitMs: HOUR })).isOk(),
  );
  const [moved] = (await failover.driver.observe('a', ['RTCSRV']))._unsafeUnwrap();
  assert.equal([moved!.status, moved!.clients, moved!.registered], ['StopPending', 0, 0]);
});

test('failback keeps a startup type set before it (the drain record put it back) and starts the service', async () => {
  const { driver, look, tick } = setup(server(0));
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'failover', waitMs: HOUR })).isOk());
  assert.ok(
    (
      await driver.run('a', 'RTCMEDSRV', {
        action: 'set-startup-type',
        startType: 'AutomaticDelayed',
      })
    ).isOk(),
  );
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'failback' })).isOk());
  tick(1000);
  assert.equal(await look(), [
    'RTCSRV Running/Automatic 0',
    'RTCMEDSRV Running/AutomaticDelayed 0',
  ]);
});

test('failover whose sessions would outlast -WaitTime: the step fails, not retried, and nothing changes', async () => {
  const { driver, look } = setup(server(20, { sessionMs: 10 * HOUR }));
  const before = await look();
  const failed = await driver.run('a', 'RTCSRV', { action: 'failover', waitMs: HOUR });
  assert.ok(failed.isErr());
  assert.is(failed._unsafeUnwrapErr().transient, false);
  assert.match(
    failed._unsafeUnwrapErr().message,
    /^Invoke-CsComputerFailOver: its sessions would take \d+ min to end, more than -WaitTime 60 min \(drain.timeout\); the cmdlet fails and no action is taken on the server$/,
  );
  assert.equal(await look(), before);
});

test.run();
