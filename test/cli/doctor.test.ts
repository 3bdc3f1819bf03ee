// `quiesce doctor` against the SCM and Lync doubles through the real pwsh (`via: cim`, the local stand-in
// powershell.exe): ready, unreachable, missing service, missing counter, no rights, no Lync module; each run
// changes nothing (the world file byte for byte, no method called, no readiness asked).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { doctorScript } from '../../reconciler/drivers/windows/doctor-script.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import {
  localWorld,
  POWERSHELL,
  requirePwsh,
  type ScmWorld,
} from '../helpers/harnesses/windows-scm.ts';

const pwsh = requirePwsh();

const COUNTER = '\\LS:SIP - Peers(Clients)\\SIP - Connections Active';
/** What `sessions: lync` counts for RTCSRV: its conferences (three counters). */
const CONFERENCES = [
  '\\LS:AVMCU - Operations\\AVMCU - Number of Conferences',
  '\\LS:ImMcu - IMMcu Conferences\\IMMCU - Active Conferences',
  '\\LS:AsMcu - AsMcu Conferences\\ASMCU - Active Conferences',
];

const pool = (gates: string) => `apiVersion: quiesce/v1
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
    run: [echo, '{server}']
    timeout: 1m
    gates: ${gates}
  servers:
    fe01: active
`;

const READY: ScmWorld = {
  computer: 'fe01',
  services: { RTCSRV: { State: 'Running', StartMode: 'Auto', AcceptPause: true } },
  counters: { [CONFERENCES[0]!]: 0, [CONFERENCES[1]!]: 0, [CONFERENCES[2]!]: 7 },
};

interface Doctored {
  code: number;
  stdout: string;
  json: {
    ready: boolean;
    findings: { check: string; level: string; message: string; fix: string | null }[];
  };
}

/** doctor (text, then json) on a one-server pool in `world`; asserts that nothing was written or asked. */
async function doctor(
  world: ScmWorld,
  gates = '[lync2013-readiness]',
  extraEnv: Record<string, string> = {},
): Promise<Doctored> {
  const scm = localWorld(world);
  const before = readFileSync(scm.path);
  const tree = tempTree({ 'fe.yaml': pool(gates) });
  const path = process.env.PATH;
  process.env.PATH = `${dirname(POWERSHELL)}:${path}`;
  try {
    const env = { PATH: process.env.PATH, NO_COLOR: '1', ...extraEnv };
    const text = await runCli(['doctor', tree], env);
    const json = await runCli(['doctor', '--output', 'json', tree], env);
    assert.is(json.code, text.code, 'text and json agree');
    // Read-only: the world is byte for byte as written (every change the double makes rewrites it), no
    // Get-CsPoolUpgradeReadinessState was called, and the access checks only asked.
    assert.ok(readFileSync(scm.path).equals(before), 'the world file is unchanged');
    assert.not.ok(existsSync(`${scm.path}.asks`), 'no readiness asked');
    return { code: text.code, stdout: text.stdout, json: JSON.parse(json.stdout) };
  } finally {
    process.env.PATH = path;
  }
}

const levelOf = (d: Doctored, check: string) =>
  d.json.findings.filter((f) => f.check === check).map((f) => f.level);

test('the script doctor sends holds queries only: no CIM method, no sc.exe, no Set-/Start-/Stop- cmdlet', () => {
  const script = doctorScript(['RTCSRV'], { RTCSRV: [COUNTER] }, 'fe01');
  for (const write of [
    /Invoke-CimMethod/,
    /sc\.exe/,
    /\b(Set|Start|Stop|Suspend|Resume|Restart)-\w+/,
    /ChangeStartMode/,
  ])
    assert.not.match(script, write);
});

test('the doctor script, local and over CIM, parses and uses only Windows PowerShell 3.0 commands and syntax', () => {
  const scripts = [null, 'fe01.contoso.com'].map((computer) => ({
    name: `doctor (${computer ?? 'local'})`,
    text: doctorScript(
      ['RTCSRV', "O'Brien$svc"],
      { RTCSRV: [COUNTER, "\\X'(*)\\Y $(Stop-Computer)"] },
      computer,
    ),
    request: true,
  }));
  const path = join(tempTree({}), 'scripts.json');
  writeFileSync(path, JSON.stringify(scripts));
  const checker = resolve('test/fixtures/windows-scm/Test-Ps3Compat.ps1');
  const out = execFileSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', checker, path], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(JSON.parse(out), []);
});

test('ready: every check ok, exit 0, one line per finding and a summary', async () => {
  const d = await doctor(READY);
  assert.is(d.code, 0, d.stdout);
  assert.is(d.json.ready, true);
  for (const check of ['reach', 'service', 'powershell', 'lync', 'rights', 'clock'])
    assert.equal(levelOf(d, check), ['ok'], check);
  assert.equal(levelOf(d, 'counter'), ['ok', 'ok', 'ok'], 'one finding per conference counter');
  assert.match(d.stdout, /ok {3}fe01 reach: reachable through WinRM/);
  assert.match(d.stdout, /fe01 service: RTCSRV: Running, startup Auto, accepts pause/);
  assert.match(d.stdout, /fe01 counter: RTCSRV: .*ASMCU - Active Conferences = 7/);
  assert.match(d.stdout, /1 server\(s\) checked: 9 ok, 0 note\(s\), 0 failed — ready/);
});

test('unreachable: WinRM fails for the server, exit 1 with what to do', async () => {
  const d = await doctor({ ...READY, computer: 'somewhere-else' });
  assert.is(d.code, 1);
  assert.equal(levelOf(d, 'reach'), ['fail']);
  assert.match(
    d.stdout,
    /FAIL fe01 reach: .*WinRM cannot complete the operation on 'fe01'.* — fix: check WinRM to fe01/,
  );
  assert.match(d.stdout, /not ready/);
});

test('a missing service: named, with the fix', async () => {
  const d = await doctor({ ...READY, services: { RTCMEDSRV: READY.services.RTCSRV! } });
  assert.is(d.code, 1);
  assert.equal(levelOf(d, 'service'), ['fail']);
  assert.match(
    d.stdout,
    /FAIL fe01 service: RTCSRV: no such service — fix: check the name with Get-Service/,
  );
});

test('a missing counter: the path and the error Windows gives', async () => {
  const d = await doctor({ ...READY, counters: {} });
  assert.is(d.code, 1);
  assert.equal(levelOf(d, 'counter'), ['fail', 'fail', 'fail']);
  assert.match(
    d.stdout,
    /FAIL fe01 counter: RTCSRV: .* cannot be read: The specified object was not found on the computer/,
  );
});

test('no rights: OpenService answers access denied, and nothing was tried', async () => {
  const d = await doctor({
    ...READY,
    services: { RTCSRV: { ...READY.services.RTCSRV!, AccessDenied: true } },
  });
  assert.is(d.code, 1);
  assert.equal(levelOf(d, 'rights'), ['fail']);
  assert.match(
    d.stdout,
    /FAIL fe01 rights: RTCSRV: access denied .* — fix: run quiesce as an administrator of fe01/,
  );
});

test('no Lync module: a failure where the lync2013-readiness gate needs it, a note where nothing does', async () => {
  const gated = await doctor({ ...READY, lync: false });
  assert.is(gated.code, 1);
  assert.equal(levelOf(gated, 'lync'), ['fail']);
  assert.match(
    gated.stdout,
    /FAIL fe01 lync: no Lync Server module .*the lync2013-readiness gate needs it/,
  );
  const ungated = await doctor({ ...READY, lync: false }, '[]');
  assert.is(ungated.code, 0, ungated.stdout);
  assert.equal(levelOf(ungated, 'lync'), ['note']);
});

test("clock skew past Kerberos' 5 minutes: a failure, with how far and which way", async () => {
  // This machine's clock 10 minutes ahead (the one clock every command reads): the server is behind.
  const d = await doctor(READY, '[]', { QUIESCE_CLOCK_OFFSET_MS: String(10 * 60_000) });
  assert.is(d.code, 1);
  assert.equal(levelOf(d, 'clock'), ['fail']);
  assert.match(
    d.stdout,
    /FAIL fe01 clock: fe01's clock is (5[5-9]\d|600) s behind this machine's — fix: sync both clocks/,
  );
});

test.run();
