import { existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSimulatedDriver, type SimFleet } from '../../reconciler/drivers/simulated/index.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { runningService } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { countSyncFs } from '../helpers/harnesses/sync-fs.ts';

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
  });
  return {
    dir,
    driver,
    tick: (ms: number) => (clock += ms),
    path: join(dir, 'simulated', 'p.json'),
  };
}

/** The state dir of a fleet file path. */
const setupDir = (path: string) => join(path, '..', '..');

function tempTreeWrite(path: string, text: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

test('observing never writes: a missing file or server is provisioned in memory, written by the first step', async () => {
  const { driver, path } = setup(null);
  const seen = (await driver.observe('a', ['RTCSRV']))._unsafeUnwrap();
  assert.is(seen[0]!.status, 'Running');
  assert.is(seen[0]!.startType, 'Automatic');
  assert.ok(seen[0]!.canPause);
  assert.ok((seen[0]!.sessions ?? 0) >= 3);
  await driver.close();
  assert.not.ok(existsSync(path), 'observe created the file');
  // Another process (plan, status) sees the same provisioned server.
  const again = createSimulatedDriver(pool('p', { a: 'draining' }), { stateDir: setupDir(path) });
  assert.equal((await again.observe('a', ['RTCSRV']))._unsafeUnwrap(), seen);
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'pause' })).isOk());
  assert.is(JSON.parse(readFileSync(path, 'utf8')).servers.a.services.RTCSRV.status, 'Paused');
});

test('observing a server missing from an existing file leaves the file as it is', async () => {
  const { path } = setup(world());
  const before = readFileSync(path, 'utf8');
  const driver = createSimulatedDriver(pool('p', { a: 'active', b: 'draining' }), {
    stateDir: setupDir(path),
  });
  assert.is((await driver.observe('b', ['RTCSRV']))._unsafeUnwrap()[0]!.status, 'Running');
  await driver.close();
  await new Promise((resolve) => setTimeout(resolve, 60)); // longer than the old 25 ms write delay
  assert.is(readFileSync(path, 'utf8'), before);
});

test('a step is on disk when run resolves', async () => {
  const { driver, path } = setup(world());
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'pause' })).isOk());
  assert.is(JSON.parse(readFileSync(path, 'utf8')).servers.a.services.RTCSRV.status, 'Paused');
  assert.ok(
    (await driver.run('a', 'RTCSRV', { action: 'set-startup-type', startType: 'Manual' })).isOk(),
  );
  assert.is(JSON.parse(readFileSync(path, 'utf8')).servers.a.services.RTCSRV.startType, 'Manual');
});

test('steps made together share one write, and each is on disk when its run resolves', async () => {
  const names = Array.from({ length: 20 }, (_, i) => `s${i}`);
  const { path } = setup(null);
  const driver = createSimulatedDriver(
    pool('p', Object.fromEntries(names.map((n) => [n, 'draining' as const]))),
    { stateDir: setupDir(path) },
  );
  mkdirSync(join(path, '..'), { recursive: true });
  let writes = 0;
  const watcher = watch(join(path, '..'), () => writes++);
  const results = await Promise.all(
    names.map(async (n) => {
      const ran = await driver.run(n, 'RTCSRV', { action: 'pause' });
      return [ran.isOk(), JSON.parse(readFileSync(path, 'utf8')).servers[n].services.RTCSRV.status];
    }),
  );
  watcher.close();
  assert.equal(
    results,
    names.map(() => [true, 'Paused']),
  );
  assert.ok(writes <= 6, `one write for the burst (${writes} rename events)`);
});

test('steps write the fleet without blocking the event loop: no synchronous write, rename or mkdir', async () => {
  const names = Array.from({ length: 50 }, (_, i) => `s${i}`);
  const { path } = setup(null);
  const driver = createSimulatedDriver(
    pool('p', Object.fromEntries(names.map((n) => [n, 'draining' as const]))),
    { stateDir: setupDir(path) },
  );
  const counts = await countSyncFs(async () => {
    // in waves, so that later steps are made while earlier writes are still in flight
    for (let wave = 0; wave < 5; wave++)
      await Promise.all(
        names
          .slice(wave * 10, wave * 10 + 10)
          .map(async (n) => assert.ok((await driver.run(n, 'RTCSRV', { action: 'pause' })).isOk())),
      );
    await driver.close();
  });
  for (const name of ['writeFileSync', 'renameSync', 'mkdirSync', 'openSync', 'writeSync'])
    assert.is(counts[name], undefined, `${name} on the step path`);
  const written = JSON.parse(readFileSync(path, 'utf8')) as SimFleet;
  assert.equal(
    names.map((n) => written.servers[n]?.services.RTCSRV?.status),
    names.map(() => 'Paused'),
  );
});

test('a fleet write that fails fails its step (not made), and the next step starts from the file', async () => {
  const { driver, path } = setup(null); // provisioned in memory, written by the first step
  assert.ok((await driver.observe('a', ['RTCSRV'])).isOk());
  writeFileSync(join(path, '..'), 'a file where the simulated folder goes');
  const failed = await driver.run('a', 'RTCSRV', { action: 'pause' });
  assert.match(failed._unsafeUnwrapErr().message, /cannot write .*p\.json.*the step was not made/);
  rmSync(join(path, '..'));
  assert.ok((await driver.run('a', 'RTCSRV', { action: 'pause' })).isOk());
  await driver.close();
  assert.is(
    (JSON.parse(readFileSync(path, 'utf8')) as SimFleet).servers.a?.services.RTCSRV?.status,
    'Paused',
  );
});

test('invalid fleet files name the file and the field', async () => {
  const service = runningService(1);
  const cases: [unknown, RegExp][] = [
    [{ servers: [] }, /: servers must be an object/],
    [{ servers: null }, /: servers must be an object/],
    [{}, /: servers must be an object/],
    [[], /must be an object \{"servers"/],
    [{ servers: { a: [] } }, /servers\.a must be an object/],
    [{ servers: { a: { services: [] } } }, /servers\.a\.services must be an object/],
    [{ servers: { a: { services: null } } }, /servers\.a\.services must be an object/],
    [{ servers: { a: { latencyMs: '5', services: {} } } }, /servers\.a\.latencyMs/],
    [{ servers: { a: { services: { RTCSRV: null } } } }, /servers\.a\.services\.RTCSRV must be/],
    [{ servers: { a: { services: { RTCSRV: [] } } } }, /servers\.a\.services\.RTCSRV must be/],
    [
      { servers: { a: { services: { RTCSRV: { ...service, sessions: '3' } } } } },
      /servers\.a\.services\.RTCSRV\.sessions/,
    ],
    [
      { servers: { a: { services: { RTCSRV: { ...service, since: 'yesterday' } } } } },
      /RTCSRV\.since must be/,
    ],
  ];
  for (const [value, message] of cases) {
    const { driver, path } = setup(null);
    const text = JSON.stringify(value);
    tempTreeWrite(path, text);
    const error = (await driver.observe('a', ['RTCSRV']))._unsafeUnwrapErr();
    assert.is(error.kind, 'Unexpected', text);
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, message, text);
    assert.ok((await driver.run('a', 'RTCSRV', { action: 'pause' })).isErr(), text);
    await driver.close();
    assert.is(readFileSync(path, 'utf8'), text);
  }
});

test('server and service names that are Object properties are plain names', async () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
  const { path } = setup(null);
  const p = pool('p', Object.fromEntries(names.map((n) => [n, 'draining' as const])), {
    services: names,
  });
  for (const round of [0, 1]) {
    const driver = createSimulatedDriver(p, {
      stateDir: setupDir(path),
      now: () => Date.now() + round * 10_000, // past the pending states
    });
    for (const server of names) {
      const seen = (await driver.observe(server, names))._unsafeUnwrap();
      assert.equal(
        seen.map((s) => [s.name, s.status]),
        names.map((n) => [n, round === 0 ? 'Running' : 'Paused']),
      );
      if (round === 0)
        for (const service of names)
          assert.ok((await driver.run(server, service, { action: 'pause' })).isOk(), service);
    }
    await driver.close();
  }
  const fleet = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(Object.keys(fleet.servers).sort(), [...names].sort());
  for (const server of names)
    assert.equal(Object.keys(fleet.servers[server].services).sort(), [...names].sort());
  const missing = setup(world());
  assert.is(
    (await missing.driver.observe('a', ['constructor']))._unsafeUnwrapErr().kind,
    'NotFound',
  );
  assert.is(
    (await missing.driver.run('toString', 'RTCSRV', { action: 'pause' }))._unsafeUnwrapErr().kind,
    'Unreachable',
  );
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

test('latencyMs delays every call to that server: a step half on the way there, half on the way back', async () => {
  const dir = tempTree({});
  tempTreeWrite(join(dir, 'simulated', 'p.json'), JSON.stringify(world({ latencyMs: 30 })));
  const slept: number[] = [];
  const driver = createSimulatedDriver(pool('p', { a: 'active' }), {
    stateDir: dir,
    sleep: async (ms) => void slept.push(ms),
  });
  await driver.observe('a', ['RTCSRV']);
  await driver.run('a', 'RTCSRV', { action: 'pause' });
  assert.equal(slept, [30, 15, 15]);
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
  // The file is looked at once per event-loop turn (the calls a turn answers share one stat): another
  // process's edit is seen from the next turn on.
  await new Promise((next) => setImmediate(next));
  assert.is((await driver.observe('a', ['RTCSRV']))._unsafeUnwrapErr().kind, 'Unreachable');
});

test.run();
