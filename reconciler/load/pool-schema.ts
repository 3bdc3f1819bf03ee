// The Pool JSON Schema, compiled once.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { requiredOwnText } from '../paths.ts';

/** The raw schema document (schemas/pool.schema.json). */
export const poolSchema: Record<string, unknown> = JSON.parse(
  requiredOwnText('schemas/pool.schema.json'),
);

let compiled: ValidateFunction | null = null;

/** Validator for one Pool document; reports every error, with the failing schema and data. */
export function poolValidator(): ValidateFunction {
  if (compiled === null) {
    // validateSchema: false — the schema is generated and checked against the 2020-12 meta-schema by
    // test/load/pool-schema.test.ts; compiling the meta-schema on every run was most of the compile time.
    const ajv = new Ajv2020.default({
      allErrors: true,
      verbose: true,
      strict: true,
      validateSchema: false,
    });
    ajv.addKeyword('x-hint');
    ajv.addKeyword('x-number-hint');
    compiled = ajv.compile(poolSchema);
  }
  return compiled;
}
