// The simulated answer to Get-CsPoolUpgradeReadinessState: the fleet file's top-level "readiness".
import type { Result } from 'neverthrow';
import { readFleet } from './fleet-file.ts';
import { simulatedPath } from './simulated-driver.ts';

/** The pool's readiness as written in its fleet file (Ready when absent or no file yet), or why it cannot be read. */
export function simulatedReadiness(stateDir: string, pool: string): Result<string, string> {
  return readFleet(simulatedPath(stateDir, pool)).map((fleet) => fleet?.readiness ?? 'Ready');
}
