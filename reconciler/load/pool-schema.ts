// The Pool JSON Schema's validator, precompiled by `npm run schema` (no schema is compiled at start-up).
import { validate } from './generated/pool-validator.ts';
import type { SchemaValidator } from './schema-validator.ts';

/** Validator for one Pool document; reports every error, with the failing schema and data. */
export function poolValidator(): SchemaValidator {
  return validate;
}
