// The driver registry: one descriptor per driver name. A new driver is a folder in drivers/ and one row here.
import { err, ok, type Result } from 'neverthrow';
import type { TargetSpecs } from '../model.ts';
import type { DriverDescriptor, TargetBase } from './descriptor.ts';
import { haproxyDriver } from './haproxy/descriptor.ts';
import { simulatedDriver } from './simulated/descriptor.ts';
import { windowsDriver } from './windows/descriptor.ts';

/** The descriptor's types, for callers of the registry. */
export type { DriverContext, DriverDescriptor } from './descriptor.ts';

/** A descriptor as the rest of quiesce holds it (the name the driver table had). */
export type DriverRow = DriverDescriptor;

/** Every driver quiesce has, in the order messages and the schema list them. */
export const DRIVER_TABLE: { [K in keyof TargetSpecs]: DriverDescriptor<TargetSpecs[K]> } = {
  simulated: simulatedDriver,
  windows: windowsDriver,
  haproxy: haproxyDriver,
};

/** The descriptors, in table order. */
export const DRIVERS: readonly DriverRow[] = Object.values(DRIVER_TABLE) as DriverRow[];

/** The row for a driver name, or an error naming the drivers there are. */
export function driverRow(name: string): Result<DriverRow, string> {
  if (!Object.hasOwn(DRIVER_TABLE, name))
    return err(`unknown driver "${name}"; the drivers are ${Object.keys(DRIVER_TABLE).join(', ')}`);
  return ok(DRIVER_TABLE[name as keyof TargetSpecs] as DriverRow);
}

/** The descriptor of a target the loader admitted (its schema allows registry drivers only): a miss is a bug. */
export function driverOf(target: TargetBase): DriverRow {
  if (!Object.hasOwn(DRIVER_TABLE, target.driver))
    throw new Error(`unknown driver "${target.driver}" got past the schema`);
  return DRIVER_TABLE[target.driver as keyof TargetSpecs] as DriverRow;
}
