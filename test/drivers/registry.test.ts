// The driver registry: one descriptor per driver name (role, schema, normalise, checks, gates); an unknown name is a clear error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DRIVER_TABLE, driverOf, driverRow } from '../../reconciler/drivers/registry.ts';
import { error, value } from '../helpers/builders/result.ts';

test('every driver has a row with the role of its units', () => {
  assert.equal(
    Object.entries(DRIVER_TABLE).map(([name, row]) => [name, row.role, row.keep]),
    [
      ['simulated', 'services', false],
      ['windows', 'services', true],
      ['haproxy', 'loadBalancer', false],
    ],
  );
  assert.is(value(driverRow('haproxy')), DRIVER_TABLE.haproxy);
});

test('an unknown driver name is an error that names the drivers there are', () => {
  assert.is(
    error(driverRow('f5')),
    'unknown driver "f5"; the drivers are simulated, windows, haproxy',
  );
  // Not fooled by what every object has.
  assert.match(error(driverRow('toString')), /^unknown driver "toString"/);
});

const names = {
  services: <V>(entries: Record<string, V> | undefined) => ({ ...entries }),
  servers: <V>(entries: Record<string, V> | undefined) => ({ ...entries }),
};

test('each descriptor carries its name, a schema for its own driver value, and a summary naming it', () => {
  for (const [name, driver] of Object.entries(DRIVER_TABLE)) {
    assert.is(driver.name, name);
    assert.ok(driver.summary.startsWith(`${name}: `), driver.summary);
    const properties = driver.schema.target.properties as Record<string, { enum?: unknown[] }>;
    assert.equal(properties.driver?.enum, [name]);
    assert.is(driver.backends !== undefined, driver.role === 'loadBalancer', name);
  }
});

test('normalise fills in defaults; a load balancer names its backends', () => {
  assert.equal(DRIVER_TABLE.simulated.normalise({ driver: 'simulated' }, names), {
    driver: 'simulated',
  });
  assert.equal(DRIVER_TABLE.windows.normalise({ driver: 'windows' }, names), {
    driver: 'windows',
    via: 'ssh',
    user: null,
    port: null,
    identityFile: null,
    knownHostsFile: null,
    connectTimeoutMs: 10_000,
    sessions: {},
  });
  const written = { driver: 'haproxy', socket: '/run/h.sock', backends: ['be_web'] };
  const haproxy = DRIVER_TABLE.haproxy.normalise(written, names);
  assert.equal(haproxy, {
    driver: 'haproxy',
    socket: '/run/h.sock',
    backends: ['be_web'],
    servers: {},
  });
  assert.equal(DRIVER_TABLE.haproxy.backends?.(haproxy), ['be_web']);
});

test('the lync2013-readiness gate: the simulated driver and windows over ssh or cim answer it', () => {
  const can = (doc: { driver: string; via?: string }) => {
    const answer = driverOf(doc).answers?.['lync2013-readiness'];
    return answer !== undefined && (answer.when?.(doc) ?? true);
  };
  assert.ok(can({ driver: 'simulated' }));
  assert.ok(can({ driver: 'windows' }));
  assert.ok(can({ driver: 'windows', via: 'cim' }));
  assert.not.ok(can({ driver: 'windows', via: 'sc' }));
  assert.not.ok(can({ driver: 'haproxy' }));
  assert.throws(() => driverOf({ driver: 'f5' }), /unknown driver "f5"/);
});

test.run();
