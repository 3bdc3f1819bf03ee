// A maintenance round on a windows pool through the CLI in-process: the lync2013-readiness gate asks
// Get-CsPoolUpgradeReadinessState through the real pwsh (the SCM and Lync doubles, `via: cim`), and the round
// waits while the pool is Busy and goes on once it is Ready.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { roundAudit } from '../helpers/builders/maintenance-pool.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli, until } from '../helpers/harnesses/capture.ts';
import { localWorld, POWERSHELL, requirePwsh } from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

const POOL = `apiVersion: quiesce/v1
kind: Pool
metadata: {name: fe}
spec:
  target: {driver: windows, via: cim, sessions: lync}
  loadBalancing: dns
  services: [RTCSRV]
  budget: {maxUnavailable: 1}
  maintenance:
    id: CHG0042
    servers: all
    run: RUN
    timeout: 1m
    gates: [lync2013-readiness]
  servers:
    fe01: active
`;

test('a windows pool: the round waits while Get-CsPoolUpgradeReadinessState says Busy, drains once Ready, and finishes', async () => {
  const scm = localWorld({
    computer: 'fe01',
    services: { RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true } },
    // No conference in progress (what `sessions: lync` counts for RTCSRV); clients still signed in.
    counters: {
      '\\LS:SIP - Peers(Clients)\\SIP - Connections Active': 40,
      '\\LS:AVMCU - Operations\\AVMCU - Number of Conferences': 0,
      '\\LS:ImMcu - IMMcu Conferences\\IMMCU - Active Conferences': 0,
      '\\LS:AsMcu - AsMcu Conferences\\ASMCU - Active Conferences': 0,
    },
    readiness: { state: 'Busy' },
  });
  // The driver and the gate run `powershell.exe` from PATH: the stand-in, on this world.
  const path = process.env.PATH;
  process.env.PATH = `${dirname(POWERSHELL)}:${path}`;
  try {
    await roundOnBusyThenReady(scm);
  } finally {
    process.env.PATH = path;
  }
});

/** Applies the round with --wait: Busy (nothing drains), asked again: Ready; the round finishes. */
async function roundOnBusyThenReady(scm: ReturnType<typeof localWorld>) {
  const state = tempTree({});
  const log = join(state, 'hook.log');
  // The hook logs the server and how its RTCSRV is while it runs: drained (Paused, Manual).
  const hook = [
    process.execPath,
    '-e',
    `const fs = require("fs"); const s = JSON.parse(fs.readFileSync(process.env.SCM_WORLD, "utf8")).services.RTCSRV;
     fs.appendFileSync(process.env.HOOK_LOG, [process.env.QUIESCE_SERVER, s.State, s.StartMode].join(" ") + "\\n")`,
  ];
  const tree = tempTree({ 'fe.yaml': POOL.replace('RUN', JSON.stringify(hook)) });
  const applying = runCli(['apply', '--wait', '--timeout', '1m', '--state-dir', state, tree], {
    PATH: process.env.PATH,
    NO_COLOR: '1',
    QUIESCE_GATE_RECHECK_SECONDS: '0.2',
    HOOK_LOG: log,
    SCM_WORLD: scm.path,
  });
  const rtcsrv = () => scm.read().services.RTCSRV!;
  // Asked once: Busy, and nothing drains.
  await until(() => scm.asks().length >= 1, 20_000, 'the gate asked');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal([rtcsrv().State, rtcsrv().StartMode], ['Running', 'Auto']);
  assert.equal(roundAudit(state), []);
  scm.write({ ...scm.read(), readiness: { state: 'Ready' } });
  const { code, stdout } = await applying;
  assert.is(code, 0, stdout);
  assert.ok(scm.asks().length >= 2, 'asked again after Busy');
  assert.match(stdout, /maintenance fe CHG0042: done, 1 of 1 done/);
  assert.equal(
    roundAudit(state).map((e) => `${e.action} ${e.server}`),
    ['start-drain fe01', 'run-hook fe01', 'record-done fe01'],
  );
  assert.ok(existsSync(log));
  assert.is(readFileSync(log, 'utf8'), 'fe01 Paused Manual\n');
  assert.equal([rtcsrv().State, rtcsrv().StartMode], ['Running', 'Auto']);
}

test.run();
