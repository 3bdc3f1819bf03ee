// The driver contract on the simulated driver: a fleet file with a server that answers, one that does not and one that refuses.
import { createSimulatedDriver } from '../../reconciler/drivers/simulated/index.ts';
import { pool } from '../helpers/builders/fleet.ts';
import { runningServer, runningService, writeWorld } from '../helpers/builders/simulated-world.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { driverContract } from './contract.ts';

const SERVICES = ['RTCSRV', 'RTCMEDSRV', 'RTCATS'];

driverContract({
  name: 'simulated',
  capabilities: { startType: true, pause: 'pause', sessions: 'counted', pending: true },
  async open() {
    const state = tempTree();
    const spec = pool(
      'p',
      { a: 'active', down: 'active', locked: 'active' },
      { services: SERVICES },
    );
    const a = runningServer(SERVICES, runningService(5));
    a.services.RTCATS = runningService(0, { canPause: false });
    writeWorld(state, 'p', {
      servers: {
        a,
        down: { ...runningServer(SERVICES), fault: 'unreachable' },
        locked: { ...runningServer(SERVICES), fault: 'access-denied' },
      },
    });
    // One clock for every driver of the world, as processes share the wall clock; settle() moves it on.
    let clock = 1_000_000;
    const opened: ReturnType<typeof createSimulatedDriver>[] = [];
    const make = () => {
      const driver = createSimulatedDriver(spec, {
        stateDir: state,
        now: () => clock,
        sleep: async () => {},
        random: () => 0.5,
      });
      opened.push(driver);
      return driver;
    };
    const driver = make();
    return {
      driver,
      server: 'a',
      units: ['RTCSRV', 'RTCMEDSRV'],
      missing: 'RTCXXX',
      unpausable: 'RTCATS',
      unreachable: async () => ({ driver, server: 'down' }),
      denied: async () => ({ driver, server: 'locked', unit: 'RTCSRV' }),
      reopen: make,
      settle: async () => {
        clock += 1000; // pending states last at most 400 ms
      },
      pids: () => [],
      async dispose() {
        for (const d of opened) await d.close();
      },
    };
  },
});
