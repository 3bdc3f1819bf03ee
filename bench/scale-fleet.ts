// Writes the whole-process benchmarks' inputs: pool files and the simulated fleets (latency per call) they drain.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimFleet } from '../reconciler/drivers/simulated/index.ts';

/** The shape of a benchmark fleet: pools × servers × services, which servers drain, the latency per call. */
export interface ScaleFleet {
  pools: number;
  serversPerPool: number;
  services: readonly string[];
  /** Every `drainingEvery`th server (counted across the fleet) is draining: 1 drains them all. */
  drainingEvery: number;
  /** A budget every drain fits in ("100%"), or the pool's 25 % default. */
  maxUnavailable: string;
  latencyMs: number;
}

/** The folder of pool files and a state dir whose simulated fleets are all Running with sessions. */
export function writeScaleFleet(shape: ScaleFleet): {
  desired: string;
  stateDir: string;
  /** The same pools with every server active: an apply of it changes nothing (a state dir used before). */
  active: string;
} {
  const desired = mkdtempSync(join(tmpdir(), 'quiesce-scale-desired-'));
  const active = mkdtempSync(join(tmpdir(), 'quiesce-scale-active-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'quiesce-scale-state-'));
  mkdirSync(join(stateDir, 'simulated'), { recursive: true });
  let index = 0;
  for (let p = 0; p < shape.pools; p++) {
    const pool = `pool-${String(p).padStart(3, '0')}`;
    const lines = [
      'apiVersion: quiesce/v1',
      'kind: Pool',
      'metadata:',
      `  name: ${pool}`,
      'spec:',
      '  target:',
      '    driver: simulated',
      '  loadBalancing: dns',
      `  services: [${shape.services.join(', ')}]`,
      '  budget:',
      `    maxUnavailable: "${shape.maxUnavailable}"`,
      '  drain:',
      '    timeout: 2h',
      '  servers:',
    ];
    const fleet: SimFleet = { servers: {} };
    const idle = [...lines];
    for (let s = 0; s < shape.serversPerPool; s++, index++) {
      const name = `srv${String(index).padStart(5, '0')}.${pool}.contoso.com`;
      idle.push(`    ${name}: active`);
      lines.push(
        index % shape.drainingEvery === 0
          ? `    ${name}: { mode: draining, reason: CHG${index} patching }`
          : `    ${name}: active`,
      );
      const services: SimFleet['servers'][string]['services'] = {};
      for (const service of shape.services)
        services[service] = {
          status: 'Running',
          startType: 'Automatic',
          canPause: true,
          sessions: 5,
          since: 0,
        };
      fleet.servers[name] = { fault: null, latencyMs: shape.latencyMs, services };
    }
    writeFileSync(join(desired, `${pool}.yaml`), `${lines.join('\n')}\n`);
    writeFileSync(join(active, `${pool}.yaml`), `${idle.join('\n')}\n`);
    writeFileSync(join(stateDir, 'simulated', `${pool}.json`), JSON.stringify(fleet));
  }
  return { desired, stateDir, active };
}
