// The driver table: one row per driver name, with the role of its units; an unknown name is a clear error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DRIVER_TABLE, driverRow } from '../../reconciler/drivers/registry.ts';
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

test.run();
