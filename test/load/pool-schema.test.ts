// schemas/pool.schema.json is what the driver registry makes of it: run `npm run schema` after changing a driver.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DRIVER_TABLE, DRIVERS } from '../../reconciler/drivers/registry.ts';
import { withDriverTargets } from '../../reconciler/load/pool-schema-drivers.ts';
import { poolSchemaPath } from '../../reconciler/paths.ts';

const committed = () => JSON.parse(readFileSync(poolSchemaPath, 'utf8'));

test('the committed Pool schema equals what the registry generates (npm run schema)', () => {
  assert.equal(committed(), withDriverTargets(committed()), 'run npm run schema');
});

test('the committed Pool schema is valid JSON Schema 2020-12 (its validator is generated from it by npm run schema)', () => {
  const ajv = new Ajv2020.default({ strict: true });
  ajv.addKeyword('x-hint');
  ajv.addKeyword('x-number-hint');
  assert.ok(ajv.validateSchema(committed()), JSON.stringify(ajv.errors));
  assert.not.ok(ajv.validateSchema({ type: 'no-such-type' }), 'the check can fail');
});

test('every registry driver is in the schema, with its own target definition', () => {
  const defs = committed().$defs;
  assert.equal(defs.target.properties.driver.enum, Object.keys(DRIVER_TABLE));
  for (const driver of DRIVERS) {
    assert.equal(defs[`${driver.name}Target`], driver.schema.target, driver.name);
    for (const [name, def] of Object.entries(driver.schema.defs ?? {}))
      assert.equal(defs[name], def, `${driver.name}: ${name}`);
  }
});

test('a driver that is gone takes its definitions with it; shared ones stay', () => {
  const schema = committed();
  schema.$defs.retiredTarget = { type: 'object' };
  schema.$defs.retiredName = { type: 'string' };
  const generated = withDriverTargets(schema) as { $defs: Record<string, unknown> };
  assert.not.ok('retiredTarget' in generated.$defs);
  assert.not.ok('retiredName' in generated.$defs);
  assert.equal(Object.keys(generated.$defs).sort(), Object.keys(committed().$defs).sort());
});

test('registry rows are keyed by their own names', () => {
  for (const [name, driver] of Object.entries(DRIVER_TABLE)) assert.is(driver.name, name);
});

test.run();
