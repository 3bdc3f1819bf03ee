// doctorOnce: read the desired state once and ask every target's driver for its read-only checks; changes nothing.
import { err, ok, type Result } from 'neverthrow';
import { type Finding, finding } from '../doctor-finding.ts';
import { driverOf } from '../drivers/registry.ts';
import type { EngineError } from '../errors.ts';
import type { DesiredSource } from '../loop/index.ts';

/** What doctor found, and whether every target is ready for an apply (no finding failed). */
export interface DoctorOutcome {
  revision: string;
  findings: Finding[];
  ready: boolean;
}

/**
 * Every pool's targets, in file order, each asked through its descriptor's `doctor` (servers one after
 * another). Opens no store and no driver session that would change anything; a driver without checks says so.
 */
export async function doctorOnce(
  source: DesiredSource,
  now: () => number,
): Promise<Result<DoctorOutcome, EngineError>> {
  const read = await source.read();
  if (read.kind === 'unavailable')
    return err({ kind: 'SourceUnavailable', source: source.describe, error: read.error });
  if (read.kind === 'invalid')
    return err({ kind: 'InvalidDesiredState', revision: read.revision, issues: read.issues });
  const findings: Finding[] = [];
  for (const pool of read.desired.pools) {
    for (const target of pool.targets) {
      const descriptor = driverOf(target);
      if (descriptor.doctor === undefined) {
        findings.push(
          finding(
            pool.name,
            null,
            'driver',
            'note',
            `${descriptor.name}: doctor has no checks for this driver`,
          ),
        );
        continue;
      }
      findings.push(...(await descriptor.doctor(target, { pool, now })));
    }
  }
  return ok({
    revision: read.revision.id,
    findings,
    ready: findings.every((f) => f.level !== 'fail'),
  });
}
