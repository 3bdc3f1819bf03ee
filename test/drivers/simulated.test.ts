import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSimulatedDriver, type SimFleet } from '../../reconciler/drivers/simulated/index.ts';
import { pool } from '../helpers/fleet.ts';
import { tempTree } from '../helpers/temp-tree.ts';

function world(over: Partial<SimFleet['servers'][string]> = {}, service: object = {}): SimFleet {
  return {
    servers: {
      a: {
        fault: null,
        latencyMs: 0,
        services: {
          RTCSRV: {
            status: 'Running',
            startType: 'Automatic',
            canPause: true,
            sessions: 10,
            since: 0,
            ...service,
          },
        },
        ...over,
      },
    },
  };
}

function setup(fleet: SimFleet | null) {
  const dir = tempTree({});
  let clock = 0;
  const p = pool('p', { a: 'draining' });
  if (fleet) tempTreeWrite(join(dir, 'simulated', 'p.json'), JSON.stringify(fleet));
  const driver = createSimulatedDriver(p, {
    stateDir: dir,
    now: () => clock,
    sleep: async () => {},
    random: () => 0,
    sessionSeconds: 1,
    flushDelayMs: 0,
  });
  return {
    dir,
    driver,
    tick: (ms: number) => (clock += ms),
    path: join(dir, 'simulated', 'p.json'),
  };
}

function tempTreeWrite(path: string, text: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

test('a missing file is created: every declared service Running, Automatic, pausable', async () => {
  const { driver, path } = setup(null);
  const seen = (await driver.observe('a', ['RTCSRV']))._unsafeUnwrap();
  assert.is(seen[0]!.status, 'Running');
  assert.is(seen[0]!.startType, 'Automatic');
  assert.ok(seen[0]!.canPause);
  assert.ok((seen[0]!.sessions ?? 0) >= 3);
  await driver.close();
  assert.ok(JSON.parse(readFileSync(path, 'utf8')).servers.a);
});

test('pause passes through PausePending, then sessions fall to zero only while paused', async () => {
  const { driver, tick } = setup(world());
  tick(10_000);
  assert.is(
    (await driver.observe('a', ['RTCSRV']))._unsafeUnwrap()[0]!.sessions,
    10,
    'sessions hold while Running',
  );
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'pause' })).isOk());
  assert.is((await driver.observe('a', ['RTCSRV']))._unsafeUnwrap()[0]!.status, 'PausePending');
  tick(1000);
  const mid = (await driver.observe('a', ['RTCSRV']))._unsafeUnwrap()[0]!;
  assert.is(mid.status, 'Paused');
  assert.ok(mid.sessions! < 10 && mid.sessions! > 0);
  tick(10_000);
  assert.is((await driver.observe('a', ['RTCSRV']))._unsafeUnwrap()[0]!.sessions, 0);
  // Pending state rejects controls like the SCM does (busy, transient).
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'resume' })).isOk());
  const busy = await driver.run('a', 'RTCSRV', { action: 'pause' });
  assert.equal([busy._unsafeUnwrapErr().kind, busy._unsafeUnwrapErr().transient], ['Busy', true]);
});

test('pause on a Stopped service fails as Windows does; so does a non-pausable one', async () => {
  const stopped = setup(world({}, { status: 'Stopped' }));
  assert.is(
    (await stopped.driver.run('a', 'RTCSRV', { action: 'pause' }))._unsafeUnwrapErr().kind,
    'NotActive',
  );
  const rigid = setup(world({}, { canPause: false }));
  const error = (await rigid.driver.run('a', 'RTCSRV', { action: 'pause' }))._unsafeUnwrapErr();
  assert.equal([error.kind, error.transient], ['CannotPause', false]);
});

test('startup types change at once; start from Stopped passes through StartPending', async () => {
  const { driver, tick } = setup(world({}, { status: 'Stopped', startType: 'Manual' }));
  await driver.run('a', 'RTCSRV', { action: 'set-startup-type', startType: 'Automatic' });
  await driver.run('a', 'RTCSRV', { action: 'start' });
  const now = (await driver.observe('a', ['RTCSRV']))._unsafeUnwrap()[0]!;
  assert.equal([now.status, now.startType], ['StartPending', 'Automatic']);
  tick(1000);
  assert.is((await driver.observe('a', ['RTCSRV']))._unsafeUnwrap()[0]!.status, 'Running');
});

test('faults from the file: unreachable (transient), access denied (terminal), missing service', async () => {
  const down = setup(world({ fault: 'unreachable' }));
  assert.equal((await down.driver.observe('a', ['RTCSRV']))._unsafeUnwrapErr().kind, 'Unreachable');
  const denied = setup(world({ fault: 'access-denied' }));
  const error = (await denied.driver.run('a', 'RTCSRV', { action: 'pause' }))._unsafeUnwrapErr();
  assert.equal([error.kind, error.transient], ['AccessDenied', false]);
  const missing = setup(world());
  assert.is(
    (await missing.driver.observe('a', ['RTCSRV', 'RTCMEDSRV']))._unsafeUnwrapErr().kind,
    'NotFound',
  );
});

test('latencyMs delays every call to that server', async () => {
  const dir = tempTree({});
  tempTreeWrite(join(dir, 'simulated', 'p.json'), JSON.stringify(world({ latencyMs: 30 })));
  const slept: number[] = [];
  const driver = createSimulatedDriver(pool('p', { a: 'active' }), {
    stateDir: dir,
    sleep: async (ms) => void slept.push(ms),
  });
  await driver.observe('a', ['RTCSRV']);
  await driver.run('a', 'RTCSRV', { action: 'pause' });
  assert.equal(slept, [30, 30]);
});

test('a torn or invalid state file is a clear error naming the file, and is never overwritten', async () => {
  for (const text of [
    '{"servers": {"a": {"fault": null, "latencyMs": 0, "services": {"RTCSRV": {"status": "Run',
    '{"servers": {"a": {"services": {"RTCSRV": {"status": "Sleeping"}}}}}',
  ]) {
    const { driver, path } = setup(null);
    tempTreeWrite(path, text);
    const error = (await driver.observe('a', ['RTCSRV']))._unsafeUnwrapErr();
    assert.is(error.kind, 'Unexpected');
    assert.ok(error.message.includes(path));
    assert.match(error.message, /fix it, or delete it/);
    assert.ok((await driver.run('a', 'RTCSRV', { action: 'pause' })).isErr());
    await driver.close();
    assert.is(readFileSync(path, 'utf8'), text);
  }
});

test('edits to the file by someone else are picked up (level-triggered world)', async () => {
  const { driver, path } = setup(world());
  assert.ok((await driver.observe('a', ['RTCSRV'])).isOk());
  const fleet = world({ fault: 'unreachable' });
  tempTreeWrite(path, `${JSON.stringify(fleet)}   `);
  assert.is((await driver.observe('a', ['RTCSRV']))._unsafeUnwrapErr().kind, 'Unreachable');
});

test.run();
