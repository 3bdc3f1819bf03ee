// The composite driver: one services driver and any number of load balancers behind one Driver.
import { errAsync, okAsync } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compositeDriver } from '../../reconciler/drivers/composite.ts';
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { driverError } from '../../reconciler/errors.ts';
import type { ServiceObservation } from '../../reconciler/model.ts';
import { error, value } from '../helpers/builders/result.ts';

const seen = (name: string): ServiceObservation => ({
  name,
  status: 'Running',
  startType: null,
  canPause: true,
  sessions: 0,
  since: null,
});

/** A driver that reports every unit asked (but `missing`) and records each call as `layer call args`. */
function fake(layer: string, calls: string[], missing: string[] = []): Driver {
  return {
    observe(server, units) {
      calls.push(`${layer} observe ${server} ${units.join(',')}`);
      return okAsync(units.filter((u) => !missing.includes(u)).map(seen));
    },
    run(server, unit, step) {
      calls.push(`${layer} run ${server} ${unit} ${step.action}`);
      return okAsync(undefined);
    },
    async close() {
      calls.push(`${layer} close`);
    },
  };
}

const UNITS = ['haproxy:be_web', 'f5:pool_web', 'RTCSRV', 'RTCMEDSRV'];

/** A services driver behind two balancers, all recording into `calls`. */
const twoBalancers = (calls: string[]) =>
  compositeDriver(fake('services', calls), [
    { driver: fake('haproxy', calls), units: ['haproxy:be_web'] },
    { driver: fake('f5', calls), units: ['f5:pool_web'] },
  ]);

test('with two balancers, observe asks each layer for its units and merges them in the order asked', async () => {
  const calls: string[] = [];
  const driver = twoBalancers(calls);
  const observed = value(await driver.observe('fe01', UNITS));
  assert.equal(
    observed.map((o) => o.name),
    UNITS,
  );
  assert.equal(calls, [
    'haproxy observe fe01 haproxy:be_web',
    'f5 observe fe01 f5:pool_web',
    'services observe fe01 RTCSRV,RTCMEDSRV',
  ]);
});

test('with two balancers, each step goes to the layer of its unit, and close closes all three', async () => {
  const calls: string[] = [];
  const driver = twoBalancers(calls);
  for (const unit of UNITS) value(await driver.run('fe01', unit, { action: 'pause' }));
  await driver.close();
  assert.equal(calls, [
    'haproxy run fe01 haproxy:be_web pause',
    'f5 run fe01 f5:pool_web pause',
    'services run fe01 RTCSRV pause',
    'services run fe01 RTCMEDSRV pause',
    'haproxy close',
    'f5 close',
    'services close',
  ]);
});

test('a unit a layer does not report, or a layer failing, fails the observe', async () => {
  const calls: string[] = [];
  const quiet = compositeDriver(fake('services', calls), [
    { driver: fake('f5', calls, ['f5:pool_web']), units: ['f5:pool_web'] },
  ]);
  const missing = error(await quiet.observe('fe01', ['f5:pool_web', 'RTCSRV']));
  assert.equal(missing, driverError('Unexpected', 'a target did not report every unit'));

  const down: Driver = {
    ...fake('f5', calls),
    observe: () => errAsync(driverError('Unreachable', 'f5 does not answer')),
  };
  const failing = compositeDriver(fake('services', calls), [
    { driver: down, units: ['f5:pool_web'] },
  ]);
  assert.is(error(await failing.observe('fe01', ['f5:pool_web', 'RTCSRV'])).kind, 'Unreachable');
});

test('without balancers it is the services driver itself', () => {
  const services = fake('services', []);
  assert.is(compositeDriver(services, []), services);
});

test.run();
