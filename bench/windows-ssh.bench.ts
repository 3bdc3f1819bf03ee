// Windows driver over the real sshd and the real pwsh (with the SCM double): 20 servers (127.0.0.1 … 127.0.0.20
// as distinct hosts) at concurrency 8, one persistent session per server vs one PowerShell process per call;
// and the cost of one observe inside a warm session.
import type { ResultAsync } from 'neverthrow';
import { createWindowsDriver, type WindowsDriver } from '../reconciler/drivers/windows/index.ts';
import type { DriverError } from '../reconciler/errors.ts';
import { sshTarget, startSshd } from '../test/helpers/harnesses/sshd.ts';
import { LYNC_SERVICES } from '../test/helpers/harnesses/windows-scm.ts';
import { median, ms } from './stats.ts';

const SERVERS = Number(process.env.BENCH_SERVERS ?? 20);
const CONCURRENCY = 8;
const SERVICES = ['RTCSRV', 'RTCMEDSRV'];
const sshd = await startSshd(
  {
    services: LYNC_SERVICES(),
    counters: {
      '\\LS:SIP - Peers(Clients)\\SIP - Connections Active': 37,
      '\\LS:MediationServer - Inbound Calls(_Total)\\- Current': 2,
      '\\LS:MediationServer - Outbound Calls(_Total)\\- Current': 1,
    },
  },
  { hosts: SERVERS },
);
const hosts = Array.from({ length: SERVERS }, (_, i) => `127.0.0.${i + 1}`);
const target = { ...sshTarget(sshd), connectTimeoutMs: 10_000, sessions: 'lync' };

/** Runs `calls` with at most CONCURRENCY in flight; calls per second. */
async function rate(calls: (() => ResultAsync<unknown, DriverError>)[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const result = await calls[next++]!();
      if (result.isErr()) throw new Error(result.error.message);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return calls.length / ((performance.now() - started) / 1000);
}

const observes = (driver: WindowsDriver, rounds: number) =>
  Array.from(
    { length: rounds * SERVERS },
    (_, i) => () => driver.observe(hosts[i % SERVERS]!, SERVICES),
  );
const steps = (driver: WindowsDriver, rounds: number) =>
  Array.from(
    { length: rounds * SERVERS },
    (_, i) => () =>
      driver.run(hosts[i % SERVERS]!, 'RTCSRV', {
        action: Math.floor(i / SERVERS) % 2 === 0 ? 'pause' : 'resume',
      }),
  );

try {
  // One warm session: after 30 calls (PowerShell compiles its hot paths), the cost of one more observe.
  const one = createWindowsDriver(target);
  for (let i = 0; i < 30; i++) await one.observe(hosts[0]!, SERVICES);
  const single: number[] = [];
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    await one.observe(hosts[0]!, SERVICES);
    single.push(performance.now() - started);
  }
  await one.close();

  // 20 servers at concurrency 8. 20 PowerShell starts on one small machine (on Windows each server starts
  // its own): a generous start limit.
  const persistent = createWindowsDriver(target, { startTimeoutMs: 300_000 });
  const warmupStarted = performance.now();
  await rate(observes(persistent, 1)); // starts the 20 sessions
  const warmup = performance.now() - warmupStarted;
  await rate(observes(persistent, 3));
  const persistentObserves = await rate(observes(persistent, 10));
  const persistentSteps = await rate(steps(persistent, 10));
  const started = persistent.sessionsStarted;
  await persistent.close();

  const perCall = createWindowsDriver(target, { perCall: true, startTimeoutMs: 300_000 });
  const perCallObserves = await rate(observes(perCall, 1));
  const perCallSteps = await rate(steps(perCall, 1));
  await perCall.close();

  console.log(
    `windows driver over ssh: real sshd on loopback, real pwsh 7 with the SCM double; ${SERVERS} servers, concurrency ${CONCURRENCY}`,
  );
  console.log(
    `  persistent sessions: ${persistentObserves.toFixed(1)} observes/s, ${persistentSteps.toFixed(1)} steps/s (${started} sessions; starting them all took ${(warmup / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  one process per call: ${perCallObserves.toFixed(1)} observes/s, ${perCallSteps.toFixed(1)} steps/s`,
  );
  console.log(
    `  persistent is ${(persistentObserves / perCallObserves).toFixed(0)}x (observes) and ${(persistentSteps / perCallSteps).toFixed(0)}x (steps)`,
  );
  console.log(
    `  one observe in a warm session (2 services Running, so their 3 counters are not read): median ${ms(median(single))}`,
  );
} finally {
  await sshd.stop();
}
