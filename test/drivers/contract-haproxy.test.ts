// The driver contract on the haproxy driver against a real haproxy: two backends over two real servers.
import { join } from 'node:path';
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { createHaproxyDriver } from '../../reconciler/drivers/haproxy/index.ts';
import { backendServer, haveHaproxy, startHaproxy } from '../helpers/harnesses/haproxy.ts';
import { driverContract } from './contract.ts';

if (!haveHaproxy()) throw new Error("haproxy is not installed: .ci/run installs Debian's haproxy");

const BACKENDS = ['be_web', 'be_api'];

driverContract({
  name: 'haproxy',
  // No startup type; a unit is drained (new connections go elsewhere), which every backend server takes.
  capabilities: { startType: false, pause: 'drain', sessions: 'counted', pending: false },
  async open() {
    const fe01 = await backendServer('fe01');
    const fe02 = await backendServer('fe02');
    const haproxy = await startHaproxy(
      { fe01: fe01.port, fe02: fe02.port },
      { backends: BACKENDS },
    );
    const opened: Driver[] = [];
    const make = (socket = haproxy.admin) => {
      const driver = createHaproxyDriver({
        driver: 'haproxy',
        socket,
        backends: BACKENDS,
        servers: { 'fe01.x': 'fe01', 'fe02.x': 'fe02' },
      });
      opened.push(driver);
      return driver;
    };
    return {
      driver: make(),
      server: 'fe01.x',
      units: BACKENDS.map((backend) => `haproxy:${backend}`),
      missing: 'haproxy:be_nope',
      // The load balancer is what answers for its servers: a socket nobody listens on.
      unreachable: async () => ({ driver: make(join(haproxy.dir, 'gone.sock')), server: 'fe01.x' }),
      // A user-level socket reads but may not change a server's state.
      denied: async () => ({
        driver: make(haproxy.user),
        server: 'fe01.x',
        unit: 'haproxy:be_web',
      }),
      reopen: () => make(),
      settle: async () => {},
      pids: () => [],
      async dispose() {
        for (const driver of opened) await driver.close();
        await haproxy.stop();
        await fe01.close();
        await fe02.close();
      },
    };
  },
});
