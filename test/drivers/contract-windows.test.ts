// The driver contract on the windows driver (via cim) through the real pwsh and the PowerShell SCM double.
import type { Driver } from '../../reconciler/drivers/driver.ts';
import { createWindowsDriver } from '../../reconciler/drivers/windows/index.ts';
import {
  CIM_TARGET,
  LYNC_SERVICES,
  POWERSHELL,
  requirePwsh,
  scmWorld,
} from '../helpers/harnesses/windows-scm.ts';
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
const open = () => createWindowsDriver(CIM_TARGET, { powershell: POWERSHELL, timeoutMs: 20_000 });
// One driver for every test, over the world written afresh: a driver keeps sessions, not state, and each session
// is a PowerShell start (~1.5 s). A test that closes it leaves the next to start a session again.
const shared = open();
/** Gives QUIESCE_SCM_WORLD back as the tests found it (the whole suite runs other windows tests after these). */
let giveBack: (() => void) | null = null;

driverContract({
  name: 'windows',
  // The double's controls settle at once (no "Pending": true services); no session counters are configured.
  capabilities: { startType: true, pause: 'pause', sessions: 'unknown', pending: false },
  async open() {
    scm.write(WORLD());
    // Each PowerShell the stand-in starts reads the world named here when it starts; set when the tests run (the
    // whole suite imports every file first), and given back afterwards.
    const before = process.env.QUIESCE_SCM_WORLD;
    giveBack ??= () => {
      if (before === undefined) delete process.env.QUIESCE_SCM_WORLD;
      else process.env.QUIESCE_SCM_WORLD = before;
    };
    process.env.QUIESCE_SCM_WORLD = scm.path;
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
        giveBack?.();
        giveBack = null;
      },
    };
  },
});
