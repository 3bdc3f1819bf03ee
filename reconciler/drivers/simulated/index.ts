export { simulatedDriver } from './descriptor.ts';
export type { SimFleet, SimServer, SimService } from './fleet-file.ts';
export { readFleet, writeFleet } from './fleet-file.ts';
export type { ScmTiming } from './scm.ts';
export { applyStep, observeService, sessionsAt, statusAt } from './scm.ts';
export type { SimulatedDriver, SimulatedOptions } from './simulated-driver.ts';
export { createSimulatedDriver, simulatedPath } from './simulated-driver.ts';
export type { SimulatedTarget } from './target.ts';
