// The driver contract on the windows driver (via cim) through the real pwsh and the PowerShell SCM double.
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { createWindowsDriver } from '../../reconciler/drivers/windows/index.ts';
import {
  CIM_TARGET,
  LYNC_SERVICES,
  POWERSHELL,
  requirePwsh,
  scmWorld,
} from '../helpers/windows-scm.ts';
import { driverContract } from './contract.ts';

requirePwsh();

const HOST = 'fe01.contoso.com';

/** The double's world at the start of every test. */
const WORLD = () => ({
  computer: HOST,
  services: {
    ...LYNC_SERVICES(),
    LOCKED: { State: 'Running', StartMode: 'Auto', AcceptPause: true, AccessDenied: true },
  },
});

const scm = scmWorld(WORLD());
// Each PowerShell the stand-in starts reads the world named here.
process.env.QUIESCE_SCM_WORLD = scm.path;
const open = () => createWindowsDriver(CIM_TARGET, { powershell: POWERSHELL, timeoutMs: 20_000 });
// One driver for every test, over the world written afresh: a driver keeps sessions, not state, and each session
// is a PowerShell start (~1.5 s). A test that closes it leaves the next to start a session again.
const shared = open();

driverContract({
  name: 'windows',
  // The double's controls settle at once (no "Pending": true services); no session counters are configured.
  capabilities: { startType: true, pause: 'pause', sessions: 'unknown', pending: false },
  async open() {
    scm.write(WORLD());
    const opened: Driver[] = [shared];
    const make = () => {
      const driver = open();
      opened.push(driver);
      return driver;
    };
    return {
      driver: shared,
      server: HOST,
      units: ['RTCSRV', 'RTCMEDSRV'],
      missing: 'RTCXXX',
      unpausable: 'RTCATS',
      // Another computer than the double's: WinRM cannot reach it.
      unreachable: async () => ({ driver: shared, server: 'fe02.contoso.com' }),
      denied: async () => ({ driver: shared, server: HOST, unit: 'LOCKED' }),
      reopen: make,
      settle: async () => {},
      // Every PowerShell started so far: by close()'s check, the other drivers of the suite have closed.
      pids: () => scm.starts(),
      async dispose() {
        for (const d of opened) await d.close();
      },
    };
  },
});
