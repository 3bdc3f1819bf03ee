// Servers the pool declares but the world file lacks, as they would be provisioned: same answer in every process.
import type { PoolSpec } from '../../model.ts';
import type { SimServer } from './fleet-file.ts';

/** A stable 32-bit FNV-1a hash, so plan, status and apply agree on a server nobody has written yet. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A fresh server: every service Running, Automatic, pausable, with 3–15 sessions derived from its names. */
export function provisionedServer(server: string, services: readonly string[]): SimServer {
  const byName: SimServer['services'] = Object.create(null);
  for (const name of services) {
    const sessions = 3 + (hash(`${server}/${name}`) % 13);
    byName[name] = {
      status: 'Running',
      startType: 'Automatic',
      canPause: true,
      sessions,
      load: sessions,
    };
  }
  return { fault: null, latencyMs: 0, services: byName };
}

/** Adds the pool's missing servers to `servers` in memory; never writes. */
export function addMissingServers(servers: Record<string, SimServer>, pool: PoolSpec): void {
  for (const server of pool.servers)
    if (!Object.hasOwn(servers, server.name))
      servers[server.name] = provisionedServer(server.name, pool.services);
}
