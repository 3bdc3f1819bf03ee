// What a precompiled schema validator (reconciler/load/generated/) is to its callers.
import type { ErrorObject } from 'ajv';

/** A document's check against one JSON Schema: true when valid, else `errors` holds every error (verbose). */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
