import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  encodeCommand,
  methodError,
  observeScript,
  parseObserve,
  parseScQc,
  parseScQuery,
  psString,
  scFailureCode,
  sshFailure,
  stderrExcerpt,
  stepScript,
  systemError,
} from '../../reconciler/drivers/windows/index.ts';
import * as fx from '../fixtures/windows-output.ts';
import { error, value } from '../helpers/builders/result.ts';

test('observe JSON: an array, in the order asked, with sessions from counters', () => {
  const seen = value(parseObserve(fx.OBSERVE_ARRAY, ['RTCMEDSRV', 'RTCSRV'])).services;
  assert.equal(
    seen.map((s) => [s.name, s.status, s.startType, s.canPause, s.sessions]),
    [
      ['RTCMEDSRV', 'Paused', 'Manual', true, null],
      ['RTCSRV', 'Running', 'Automatic', true, 37],
    ],
  );
});

test('observe JSON: a single object (PowerShell unwraps one), delayed start, pending state', () => {
  const [seen] = value(parseObserve(fx.OBSERVE_SINGLE, ['RTCSRV'])).services;
  assert.equal(
    [seen!.status, seen!.startType, seen!.sessions],
    ['PausePending', 'AutomaticDelayed', 3],
  );
});

test('observe JSON: a missing service is NotFound; garbage is Unexpected', () => {
  assert.is(error(parseObserve(fx.OBSERVE_MISSING, ['RTCXXX'])).kind, 'NotFound');
  assert.is(error(parseObserve(fx.OBSERVE_ARRAY, ['RTCSRV', 'RTCXXX'])).kind, 'NotFound');
  assert.is(error(parseObserve('Get-CimInstance : Access denied', ['RTCSRV'])).kind, 'Unexpected');
  assert.is(
    error(parseObserve('[{"Name":"RTCSRV","State":"Unknown","StartMode":"Auto"}]', ['RTCSRV']))
      .kind,
    'Unexpected',
  );
});

test('Win32_Service method return values map to tagged errors', () => {
  const pause = { action: 'pause' as const };
  assert.is(methodError(0, pause, 'RTCSRV'), null);
  assert.is(methodError(24, pause, 'RTCSRV'), null, 'already paused is done');
  assert.is(methodError(10, { action: 'start' }, 'RTCSRV'), null, 'already running is done');
  const cases: [number, string, boolean][] = [
    [2, 'AccessDenied', false],
    [4, 'CannotPause', false],
    [5, 'Busy', true],
    [6, 'NotActive', false],
    [7, 'Timeout', true],
    [1060, 'NotFound', false],
    [8, 'Unexpected', false],
  ];
  for (const [code, kind, transient] of cases) {
    const e = methodError(code, pause, 'RTCSRV');
    assert.equal([e?.kind, e?.transient], [kind, transient], `code ${code}`);
  }
});

test('sc query: by numbers, whatever the language; PAUSABLE from the flags line', () => {
  assert.equal(
    [...parseScQuery(fx.SC_QUERY_EN)],
    [['RTCSRV', { status: 'Running', canPause: true }]],
  );
  assert.equal(
    [...parseScQuery(fx.SC_QUERY_DE)],
    [
      ['RTCSRV', { status: 'Paused', canPause: true }],
      ['Spooler', { status: 'Stopped', canPause: false }],
    ],
  );
  assert.equal(
    [...parseScQuery(fx.SC_QUERY_NOT_PAUSABLE)],
    [['RTCATS', { status: 'Running', canPause: false }]],
  );
});

test('sc qc: START_TYPE by number, (DELAYED) marker; localised labels', () => {
  assert.is(parseScQc(fx.SC_QC_DELAYED), 'AutomaticDelayed');
  assert.is(parseScQc(fx.SC_QC_DE_MANUAL), 'Manual');
  assert.is(parseScQc('nothing'), null);
});

test('sc FAILED codes in any language map to tagged errors', () => {
  assert.is(scFailureCode(fx.SC_FAILED_NOT_FOUND_EN), 1060);
  assert.is(scFailureCode(fx.SC_FAILED_NOT_FOUND_DE), 1060);
  assert.is(scFailureCode(fx.SC_FAILED_BUSY_FR), 1061);
  assert.is(scFailureCode(fx.SC_QUERY_EN), null);
  const cases: [number, string, boolean][] = [
    [5, 'AccessDenied', false],
    [1052, 'CannotPause', false],
    [1053, 'Timeout', true],
    [1060, 'NotFound', false],
    [1061, 'Busy', true],
    [1062, 'NotActive', false],
    [1722, 'Unreachable', true],
  ];
  for (const [code, kind, transient] of cases) {
    const e = systemError(code, 'pause RTCSRV');
    assert.equal([e.kind, e.transient], [kind, transient], `code ${code}`);
  }
});

test("ssh's own failures: refused/no route → Unreachable; auth and host key → AccessDenied saying which", () => {
  assert.is(sshFailure(0, '', 'h'), null);
  assert.is(
    sshFailure(1, 'powershell failed', 'h'),
    null,
    'a remote command failing is not an ssh failure',
  );
  assert.is(
    sshFailure(255, 'ssh: connect to host h port 22: Connection refused', 'h')?.kind,
    'Unreachable',
  );
  assert.is(
    sshFailure(255, 'ssh: connect to host h port 22: No route to host', 'h')?.kind,
    'Unreachable',
  );
  const auth = sshFailure(255, 'root@h: Permission denied (publickey).', 'h');
  assert.equal([auth?.kind, auth?.transient], ['AccessDenied', false]);
  assert.match(auth?.message ?? '', /authentication failed/);
  assert.match(
    sshFailure(255, 'Host key verification failed.', 'h')?.message ?? '',
    /host key verification failed/,
  );
});

test('stderr excerpts are bounded and never carry key material', () => {
  const stderr = `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW'.repeat(2)}\n-----END OPENSSH PRIVATE KEY-----\nreal error ${'x'.repeat(500)}`;
  const out = stderrExcerpt(stderr);
  assert.not.match(out, /PRIVATE KEY|b3BlbnNzaC1rZXk/);
  assert.ok(out.length <= 301);
  assert.match(out, /^real error/);
});

test('names reach PowerShell only as single-quoted literals inside -EncodedCommand', () => {
  assert.is(psString("a'b"), "'a''b'");
  assert.is(psString('$(Stop-Computer)'), "'$(Stop-Computer)'");
  const script = observeScript(
    ["RTC'SRV"],
    { "RTC'SRV": ['\\LS:SIP - Peers(Clients)\\SIP - Connections Active', "\\X'(*)\\Y"] },
    null,
  );
  assert.match(script, /\$names = @\('RTC''SRV'\)/);
  assert.match(
    script,
    /'RTC''SRV' = @\('\\LS:SIP - Peers\(Clients\)\\SIP - Connections Active', '\\X''\(\*\)\\Y'\)/,
  );
  const step = stepScript('RTCSRV', { action: 'set-startup-type', startType: 'Manual' }, null);
  assert.match(step, /ChangeStartMode -Arguments @\{ StartMode = 'Manual' \}/);
  const decoded = Buffer.from(encodeCommand(step), 'base64').toString('utf16le');
  assert.is(decoded, step);
  assert.match(encodeCommand(step), /^[A-Za-z0-9+/=]+$/, 'the command line carries base64 only');
});

test.run();
