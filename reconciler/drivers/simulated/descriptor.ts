// The simulated driver's descriptor: the embedded fleet, a services driver that answers the lync gates.
import type { DriverDescriptor } from '../descriptor.ts';
import { simulatedFabric, simulatedReadiness } from './readiness.ts';
import { createSimulatedDriver } from './simulated-driver.ts';
import type { SimulatedTarget } from './target.ts';

/** `driver: simulated` in the driver registry. */
export const simulatedDriver: DriverDescriptor<SimulatedTarget, SimulatedTarget> = {
  name: 'simulated',
  role: 'services',
  keep: false,
  summary:
    'simulated: the embedded, file-backed fleet that behaves like the Windows Service Control Manager.',
  title: 'the simulated fleet',
  schema: {
    target: {
      type: 'object',
      additionalProperties: false,
      properties: {
        driver: { description: 'simulated: the embedded, file-backed fleet.', enum: ['simulated'] },
      },
    },
  },
  normalise: () => ({ driver: 'simulated' }),
  answers: {
    'lync2013-readiness': { as: 'the simulated driver', aside: true },
    'lync-fabric': { as: 'the simulated driver', aside: true },
  },
  open: (_target, { pool, stateDir, sessionSeconds, now }) =>
    createSimulatedDriver(pool, { stateDir, sessionSeconds, now }),
  readiness: async (_target, pool, _server, stateDir) =>
    simulatedReadiness(
      stateDir,
      pool.name,
      pool.budget.kind === 'quorum' && pool.budget.preset === 'sfb2019',
    ),
  fabric: async (_target, pool, _server, stateDir) =>
    simulatedFabric(stateDir, pool.name, pool.lync?.pool ?? pool.name),
};
