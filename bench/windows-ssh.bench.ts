// Windows driver over ssh: observe round trips per second on loopback, with and without connection reuse.
import { createWindowsDriver } from '../reconciler/drivers/windows/index.ts';
import { startSshd } from '../test/helpers/sshd.ts';

const ROUNDS = 40;
const sshd = await startSshd({
  services: {
    RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true, Sessions: 37 },
    RTCMEDSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true, Sessions: 5 },
  },
});
const target = {
  driver: 'windows' as const,
  via: 'ssh' as const,
  user: sshd.user,
  port: sshd.port,
  identityFile: sshd.identityFile,
  knownHostsFile: sshd.knownHostsFile,
  connectTimeoutMs: 5000,
  sessions: { RTCSRV: '\\LS:SIP - Peers(*)\\SIP - Connected Clients' },
};

async function rate(reuse: boolean): Promise<number> {
  const driver = createWindowsDriver(target);
  await driver.observe('127.0.0.1', ['RTCSRV', 'RTCMEDSRV']); // warm up (and open the connection)
  if (!reuse) await driver.close();
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const seen = await driver.observe('127.0.0.1', ['RTCSRV', 'RTCMEDSRV']);
    if (seen.isErr()) throw new Error(seen.error.message);
    if (!reuse) await driver.close();
  }
  const seconds = (performance.now() - started) / 1000;
  await driver.close();
  return ROUNDS / seconds;
}

/** Observes per second with 16 in flight over one multiplexed connection (apply observes servers in parallel). */
async function parallelRate(): Promise<number> {
  const driver = createWindowsDriver(target);
  await driver.observe('127.0.0.1', ['RTCSRV']);
  const started = performance.now();
  for (let batch = 0; batch < 4; batch++) {
    await Promise.all(
      Array.from({ length: 16 }, () => driver.observe('127.0.0.1', ['RTCSRV', 'RTCMEDSRV'])),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await driver.close();
  return 64 / seconds;
}

const reused = await rate(true);
const fresh = await rate(false);
const parallel = await parallelRate();
await sshd.stop();
console.log(
  `windows driver over ssh (real sshd on loopback; remote answers from a Node stand-in for powershell.exe; ${ROUNDS} observes each)`,
);
console.log(`  with connection reuse (ControlMaster): ${reused.toFixed(1)} observes/s`);
console.log(
  `  a new connection per observe:          ${fresh.toFixed(1)} observes/s  (reuse is ${(reused / fresh).toFixed(1)}x)`,
);
console.log(`  16 in flight over one connection:      ${parallel.toFixed(1)} observes/s`);
