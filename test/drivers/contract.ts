// One contract for every Driver: simulated, windows (through the PowerShell SCM double) and haproxy pass the same tests.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { type DriverError, type DriverErrorKind, driverError } from '../../reconciler/errors.ts';
import type { ServiceObservation, ServiceStatus, StartType, Step } from '../../reconciler/model.ts';
import { error, value } from '../helpers/builders/result.ts';
import { ended } from '../helpers/harnesses/windows-scm.ts';

/** What an implementation declares it does; the suite checks the declared behaviour, never a driver's name. */
export interface DriverCapabilities {
  /** Units have a startup type that set-startup-type changes; false: startType is null and that step does nothing. */
  startType: boolean;
  /** How a unit stops taking new work: a service control some units refuse (CannotPause), or a drain every unit takes. */
  pause: 'pause' | 'drain';
  /** The world's units report session counts (whole numbers), or none (null: no counter configured). */
  sessions: 'counted' | 'unknown';
  /** A step passes through its pending status (PausePending, …) until the world settles. */
  pending: boolean;
}

/** A fresh world for one test: a driver, a reachable server with managed units, and the world's odd corners. */
export interface DriverWorld {
  /** The driver under test; may be one kept across tests over a world written afresh (it keeps sessions, not state). */
  driver: Driver;
  /** A server that answers. */
  server: string;
  /** At least two managed units on `server`, every one Running and taking a pause (or drain), in declaration order. */
  units: string[];
  /** A unit name `server` does not have. */
  missing: string;
  /** Drivers that pause ('pause'): a Running unit on `server` that refuses the control. */
  unpausable?: string;
  /** A server that does not answer, and the driver that would ask it (the world's own driver when it can be). */
  unreachable(): Promise<{ driver: Driver; server: string }>;
  /** A unit whose steps the driver's account may not make, and the driver and server that would try. */
  denied(): Promise<{ driver: Driver; server: string; unit: string }>;
  /** A second driver over the same world, as another process would open it. */
  reopen(): Driver;
  /** Lets pending statuses pass (advances a simulated clock; nothing where there are none). */
  settle(): Promise<void>;
  /** pids of the processes `driver` started (its sessions; or every one the world's drivers started); [] for none. */
  pids(): number[];
  /** Ends the world: every driver it opened, its servers and processes. */
  dispose(): Promise<void>;
}

/** An implementation under test: its declared capabilities and how it makes a fresh world. */
export interface DriverBackend {
  name: string;
  capabilities: DriverCapabilities;
  open(): Promise<DriverWorld>;
}

const STATUSES: readonly ServiceStatus[] = [
  'Running',
  'Paused',
  'Stopped',
  'StartPending',
  'StopPending',
  'PausePending',
  'ContinuePending',
];
const START_TYPES: readonly StartType[] = ['Automatic', 'AutomaticDelayed', 'Manual', 'Disabled'];
const KINDS: readonly DriverErrorKind[] = [
  'Unreachable',
  'AccessDenied',
  'NotFound',
  'CannotPause',
  'NotActive',
  'Busy',
  'Timeout',
  'Unexpected',
];
const FIELDS = ['name', 'status', 'startType', 'canPause', 'sessions', 'since', 'down'];

/** Where a step leads, and the pending status a driver with pending states may show on the way. */
const TOWARDS: Record<'pause' | 'resume' | 'start', [ServiceStatus, ServiceStatus]> = {
  pause: ['Paused', 'PausePending'],
  resume: ['Running', 'ContinuePending'],
  start: ['Running', 'StartPending'],
};

/** Checks one observation against ServiceObservation's documented types and the declared capabilities. */
function assertShape(seen: ServiceObservation, caps: DriverCapabilities): void {
  const at = `observation ${JSON.stringify(seen)}`;
  for (const key of Object.keys(seen))
    assert.ok(FIELDS.includes(key), `${at}: unknown field ${key}`);
  assert.type(seen.name, 'string', at);
  assert.ok(STATUSES.includes(seen.status), `${at}: status`);
  if (caps.startType) assert.ok(START_TYPES.includes(seen.startType as StartType), `${at}: type`);
  else assert.is(seen.startType, null, `${at}: no startup type`);
  assert.type(seen.canPause, 'boolean', at);
  if (caps.sessions === 'counted')
    assert.ok(Number.isInteger(seen.sessions) && (seen.sessions as number) >= 0, `${at}: sessions`);
  else assert.is(seen.sessions, null, `${at}: sessions unknown`);
  assert.ok(seen.since === null || Number.isFinite(seen.since), `${at}: since`);
  assert.ok(seen.down === undefined || typeof seen.down === 'boolean', `${at}: down`);
}

/** Checks a DriverError: one of the kinds in errors.ts, `transient` as that kind is, a message; returns it. */
function assertError(
  e: DriverError,
  kinds: readonly DriverErrorKind[],
  transient: boolean,
): DriverError {
  const at = `error ${JSON.stringify(e)}`;
  assert.equal(Object.keys(e).sort(), ['kind', 'message', 'transient'], at);
  assert.ok(KINDS.includes(e.kind), `${at}: a kind from errors.ts`);
  assert.ok(kinds.includes(e.kind), `${at}: expected ${kinds.join(' or ')}`);
  assert.is(e.transient, driverError(e.kind, '').transient, `${at}: transient as its kind is`);
  assert.is(e.transient, transient, at);
  assert.ok(e.message.length > 0, `${at}: says what happened`);
  return e;
}

/** Registers and runs the contract suite against one implementation. */
export function driverContract(backend: DriverBackend): void {
  const caps = backend.capabilities;
  const test = suite(`driver contract: ${backend.name}`);
  const worlds: DriverWorld[] = [];
  const open = async () => {
    const world = await backend.open();
    worlds.push(world);
    return world;
  };
  test.after(async () => {
    for (const world of worlds) await world.dispose();
  });

  /** Statuses and startup types of `units` on the world's server, read by `driver`. */
  const states = async (driver: Driver, world: DriverWorld, units = world.units) =>
    value(await driver.observe(world.server, units)).map((s) => [s.name, s.status, s.startType]);

  test('observe: one call answers every unit asked, in the order asked, with the documented types', async () => {
    const world = await open();
    assert.ok(world.units.length >= 2, 'the world gives at least two units');
    const seen = value(await world.driver.observe(world.server, world.units));
    assert.equal(
      seen.map((s) => s.name),
      world.units,
    );
    for (const s of seen) {
      assertShape(s, caps);
      assert.equal([s.status, s.canPause], ['Running', true], s.name);
    }
    const backwards = [...world.units].reverse();
    assert.equal(
      value(await world.driver.observe(world.server, backwards)).map((s) => s.name),
      backwards,
    );
    assert.equal(
      value(await world.driver.observe(world.server, [world.units[1]!])).map((s) => s.name),
      [world.units[1]],
    );
    assert.equal(
      await states(world.driver, world),
      seen.map((s) => [s.name, s.status, s.startType]),
      'observing changes nothing',
    );
  });

  test('a unit the server lacks is NotFound, for the whole observe (never a partial answer) and for a step', async () => {
    const world = await open();
    const { server, units, missing } = world;
    assertError(
      error(await world.driver.observe(server, [units[0]!, missing])),
      ['NotFound'],
      false,
    );
    assertError(error(await world.driver.observe(server, [missing])), ['NotFound'], false);
    for (const action of ['pause', 'resume'] as const)
      assertError(error(await world.driver.run(server, missing, { action })), ['NotFound'], false);
    assert.is(
      value(await world.driver.observe(server, units)).length,
      units.length,
      'still answers',
    );
  });

  test('an unreachable server is a transient error for that server, never a guess', async () => {
    const world = await open();
    const { driver, server } = await world.unreachable();
    assertError(error(await driver.observe(server, world.units)), ['Unreachable', 'Timeout'], true);
    assertError(
      error(await driver.run(server, world.units[0]!, { action: 'pause' })),
      ['Unreachable', 'Timeout'],
      true,
    );
    assert.equal(
      (await states(world.driver, world)).map(([, status]) => status),
      world.units.map(() => 'Running'),
      'the server that answers is read as before',
    );
  });

  test('steps: done when run resolves (observe, and a driver opened after, see it); the same step again changes nothing', async () => {
    const world = await open();
    const { driver, server, units } = world;
    const [unit, other] = units as [string, string];
    const other0 = await states(driver, world, [other]);
    /** [status, startType] of `unit` as `by` sees it. */
    const state = async (by: Driver) => (await states(by, world, [unit]))[0]!.slice(1);
    /** Runs `step` on `unit`: [status, startType] right after, and once settled. */
    const step = async (s: Step) => {
      value(await driver.run(server, unit, s));
      const now = await state(driver);
      await world.settle();
      return [now, await state(driver)];
    };
    /** A driver opened now (as another process would) sees `want`; each is opened afresh, as a kept one may cache. */
    const elsewhere = async (want: unknown[], what: string) => {
      const fresh = world.reopen();
      assert.equal(await state(fresh), want, `${what}: a driver opened after the step sees it`);
      await fresh.close();
    };
    const actions = ['pause', 'pause', 'resume', 'resume', 'start'] as const;
    for (const [i, action] of actions.entries()) {
      const [done, pending] = TOWARDS[action];
      const [now, settled] = await step({ action });
      const shown = caps.pending ? [done, pending] : [done];
      assert.ok(shown.includes(now![0] as ServiceStatus), `${action}: right after, ${now}`);
      assert.is(settled![0], done, `${action}: settled`);
      assert.equal(await states(driver, world, [other]), other0, `${action}: only its unit`);
      if (i === 0) await elsewhere(settled!, action);
    }
    if (caps.pending) {
      // A control while the last one is pending is refused as Windows refuses it: Busy, worth retrying.
      value(await driver.run(server, unit, { action: 'pause' }));
      if ((await state(driver))[0] === 'PausePending')
        assertError(error(await driver.run(server, unit, { action: 'resume' })), ['Busy'], true);
      await world.settle();
      value(await driver.run(server, unit, { action: 'resume' }));
      await world.settle();
    }
    for (const [i, startType] of (['Manual', 'Manual', 'Automatic'] as const).entries()) {
      const [now, settled] = await step({ action: 'set-startup-type', startType });
      const want = caps.startType ? startType : null;
      assert.equal(now, ['Running', want], `set-startup-type ${startType}`);
      assert.equal(settled, now);
      if (i === 0) await elsewhere(now!, `set-startup-type ${startType}`);
    }
  });

  test('steps made together on one server each happen, and each is seen when the calls resolve', async () => {
    const world = await open();
    const { driver, server, units } = world;
    for (const action of ['pause', 'resume'] as const) {
      const [done, pending] = TOWARDS[action];
      const results = await Promise.all(units.map((unit) => driver.run(server, unit, { action })));
      for (const result of results) value(result);
      const shown = caps.pending ? [done, pending] : [done];
      for (const [name, status] of await states(driver, world))
        assert.ok(shown.includes(status as ServiceStatus), `${action} ${name}: ${status}`);
      await world.settle();
      assert.equal(
        (await states(driver, world)).map(([, status]) => status),
        units.map(() => done),
      );
    }
  });

  test('refusals are typed and final: a unit that refuses the control, an account without the right', async () => {
    const world = await open();
    const { driver, server } = world;
    if (caps.pause === 'pause') {
      const unit = world.unpausable;
      if (unit === undefined)
        throw new Error(
          `${backend.name}: a 'pause' driver's world names a unit that refuses pause`,
        );
      const [before] = value(await driver.observe(server, [unit]));
      assert.equal([before!.status, before!.canPause], ['Running', false]);
      assertError(
        error(await driver.run(server, unit, { action: 'pause' })),
        ['CannotPause'],
        false,
      );
      assert.equal(await states(driver, world, [unit]), [[unit, 'Running', before!.startType]]);
    } else assert.is(world.unpausable, undefined, 'every unit takes a drain');
    const denied = await world.denied();
    assertError(
      error(await denied.driver.run(denied.server, denied.unit, { action: 'pause' })),
      ['AccessDenied'],
      false,
    );
  });

  test('close(): ends what the driver keeps, may be called again, and leaves the world as the steps left it', async () => {
    const world = await open();
    const { driver, server, units } = world;
    value(await driver.observe(server, units));
    value(await driver.run(server, units[0]!, { action: 'pause' }));
    await driver.close();
    await driver.close();
    assert.ok(await ended(world.pids()), 'no process outlives close()');
    await world.settle();
    const after = world.reopen();
    assert.is((await states(after, world, [units[0]!]))[0]![1], 'Paused');
    await after.close();
    await world.reopen().close(); // a driver that never worked closes too
  });

  test.run();
}
