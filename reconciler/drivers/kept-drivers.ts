// Drivers kept across `watch` rounds (windows: each server keeps its PowerShell session); closed at exit.

import type { TargetSpec } from '../model.ts';
import type { Driver } from './driver.ts';

/** The drivers a watch keeps, one per pool and driver name, reopened when their target changes. */
export class KeptDrivers {
  private readonly kept = new Map<string, { key: string; driver: Driver }>();

  /** The driver for `pool`'s `target`, the same one while the target is unchanged; `open` makes a new one. */
  driver(pool: string, target: TargetSpec, open: () => Driver): Driver {
    const slot = `${pool}\0${target.driver}`;
    const key = JSON.stringify(target);
    const current = this.kept.get(slot);
    if (current?.key === key) return current.driver;
    if (current !== undefined) void current.driver.close();
    const driver = open();
    this.kept.set(slot, { key, driver });
    return driver;
  }

  /** Closes every kept driver (their sessions end). */
  async close(): Promise<void> {
    const all = [...this.kept.values()];
    this.kept.clear();
    await Promise.all(all.map(({ driver }) => driver.close()));
  }
}
