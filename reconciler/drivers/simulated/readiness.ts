// The simulated answer to Get-CsPoolUpgradeReadinessState: the fleet file's top-level "readiness".
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { simulatedPath } from './simulated-driver.ts';

const STATES = ['Ready', 'Busy', 'InsufficientActiveFrontEnds'];

/** The pool's readiness as written in its fleet file (default Ready), or why it cannot be read. */
export function simulatedReadiness(stateDir: string, pool: string): Result<string, string> {
  const path = simulatedPath(stateDir, pool);
  let value: unknown;
  try {
    value = (JSON.parse(readFileSync(path, 'utf8')) as { readiness?: unknown }).readiness;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok('Ready');
    return err(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (value === undefined) return ok('Ready');
  if (typeof value === 'string' && STATES.includes(value)) return ok(value);
  return err(`${path}: readiness must be one of ${STATES.join(', ')}`);
}
