// Observe time per server with session counters: a 5-service Front End draining (every service Paused) with
// `sessions: lync` (8 counter paths, plus RTCSRV's 2 information counters, and Get-CsWindowsService asked per
// service: the Lync module double is present), through the real pwsh and the SCM double, whose Get-Counter waits
// its sample interval (1 s) as Windows' does. One Get-Counter call for every path vs what one call per path
// costs; and the read-back apply makes after each step (no counters).
import { createWindowsDriver } from '../reconciler/drivers/windows/index.ts';
import { countersFor, infoFor } from '../reconciler/drivers/windows/presets.ts';
import { localWorld, POWERSHELL, type ScmService } from '../test/helpers/harnesses/windows-scm.ts';
import { median, ms } from './stats.ts';

const HOST = 'fe01.contoso.com';
const SERVICES = ['RTCSRV', 'RTCMEDSRV', 'RTCAVMCU', 'RTCIMMCU', 'RTCASMCU'];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const paused: ScmService = { State: 'Paused', StartMode: 'Manual', AcceptPause: true };
const paths = [
  ...Object.values(countersFor('lync', SERVICES)).flat(),
  ...Object.values(infoFor('lync', SERVICES)).flatMap((info) => Object.values(info)),
];
const scm = localWorld({
  computer: HOST,
  services: Object.fromEntries(SERVICES.map((name) => [name, paused])),
  counters: Object.fromEntries(paths.map((path, i) => [path, i + 1])),
});
const driver = createWindowsDriver(
  {
    driver: 'windows',
    via: 'cim',
    user: null,
    port: null,
    identityFile: null,
    knownHostsFile: null,
    connectTimeoutMs: 10_000,
    sessions: 'lync',
  },
  { powershell: POWERSHELL, startTimeoutMs: 300_000 },
);

/** Milliseconds of each of `runs` calls of `fn` (after one warm-up). */
async function timed(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

const observe =
  (services: string[], sessions = true) =>
  async () => {
    const seen = await driver.observe(HOST, services, { sessions });
    if (seen.isErr()) throw new Error(seen.error.message);
    return seen.value;
  };

try {
  const calls = scm.samples().length;
  const withCounters = await timed(observe(SERVICES), RUNS);
  const sampled = scm.samples().length - calls;
  const readBack = await timed(observe(SERVICES, false), RUNS);
  // What one Get-Counter call per path costs: one observe per service, each sampling its own paths (RTCMEDSRV's
  // two paths in one call, so this is a lower bound for the old one-call-per-path way).
  const perService = await timed(async () => {
    for (const service of SERVICES) await observe([service])();
  }, RUNS);
  console.log(
    `windows driver, observe per server with counters: real pwsh 7 with the SCM double (Get-Counter waits 1 s per call, as on Windows); ${SERVICES.length} Front End services draining, ${paths.length} counter paths (2 of them information), Get-CsWindowsService asked per service`,
  );
  console.log(
    `  one Get-Counter call for every path: median ${ms(median(withCounters))} per observe (${sampled / (RUNS + 1)} Get-Counter call per observe)`,
  );
  console.log(
    `  one sample per service instead (lower bound of one call per path): median ${ms(median(perService))} per server`,
  );
  console.log(`  read-back after a step (no counters): median ${ms(median(readBack))}`);
} finally {
  await driver.close();
}
