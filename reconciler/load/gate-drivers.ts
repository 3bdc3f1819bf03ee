// Which drivers answer a gate, from the driver registry, and how the loader says a pool has none of them.
import type { DriverGate, TargetBase } from '../drivers/descriptor.ts';
import { DRIVERS, driverOf } from '../drivers/registry.ts';

/** Whether one of the pool's targets can answer `gate`. */
export function answers(gate: DriverGate, targets: readonly TargetBase[]): boolean {
  return targets.some((target) => {
    const answer = driverOf(target).answers?.[gate];
    return answer !== undefined && (answer.when?.(target) ?? true);
  });
}

/** Who could answer `gate` ("the windows driver over ssh or cim (or the simulated driver)"), what the pool uses instead, and what to change. */
export function cannotAnswer(
  gate: DriverGate,
  targets: readonly TargetBase[],
): { who: string; uses: string; hint: string } {
  const able = DRIVERS.flatMap((driver) => {
    const answer = driver.answers?.[gate];
    return answer === undefined ? [] : [answer];
  });
  const main = able.filter((a) => a.aside !== true).map((a) => a.as);
  const asides = able.filter((a) => a.aside === true).map((a) => a.as);
  const hints = able.flatMap((a) => (a.hint === undefined ? [] : [a.hint]));
  const uses = targets.map((target) => driverOf(target).label?.(target) ?? target.driver);
  return {
    who: `${main.join(' or ')}${asides.length === 0 ? '' : ` (or ${asides.join(' or ')})`}`,
    uses: uses.join(', '),
    hint: hints.length === 0 ? 'use a command gate' : [...hints, 'a command gate'].join(', or '),
  };
}
