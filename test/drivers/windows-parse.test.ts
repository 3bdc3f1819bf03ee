import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  encodeCommand,
  methodError,
  observeScript,
  parseObserve,
  parseReturnValue,
  parseScQc,
  parseScQuery,
  psString,
  scFailureCode,
  scriptError,
  sshFailure,
  stderrExcerpt,
  stepScript,
  systemError,
} from '../../reconciler/drivers/windows/index.ts';
import * as fx from '../fixtures/windows-output.ts';
import { error, value } from '../helpers/builders/result.ts';

test('observe lines: by index, in the order asked, with sessions from counters', () => {
  const seen = value(parseObserve(fx.OBSERVE_ARRAY, ['RTCSRV', 'rtcmedsrv'])).services;
  assert.equal(
    seen.map((s) => [s.name, s.status, s.startType, s.canPause, s.sessions]),
    [
      ['RTCSRV', 'Running', 'Automatic', true, null],
      ['rtcmedsrv', 'Paused', 'Manual', true, 37],
    ],
  );
});

test('observe lines: CRLF line ends, delayed start, pending state', () => {
  const [seen] = value(parseObserve(fx.OBSERVE_SINGLE, ['RTCSRV'])).services;
  assert.equal(
    [seen!.status, seen!.startType, seen!.sessions],
    ['PausePending', 'AutomaticDelayed', 3],
  );
});

test('observe lines: a missing service is NotFound; anything else than the strict format is Unexpected', () => {
  assert.is(error(parseObserve(fx.OBSERVE_MISSING, ['RTCXXX'])).kind, 'NotFound');
  const unexpected = (text: string, services = ['RTCSRV']) => {
    const e = error(parseObserve(text, services));
    assert.is(e.kind, 'Unexpected', text);
    return e.message;
  };
  assert.match(
    unexpected(fx.OBSERVE_ARRAY, ['RTCSRV', 'RTCMEDSRV', 'RTCXXX']),
    /does not report RTCXXX/,
  );
  unexpected('Get-CimInstance : Access denied');
  // What ConvertTo-Json printed before: 5.1's unwrapped object with an enum number, 7's array. Never guessed at.
  assert.match(unexpected(fx.OBSERVE_JSON_PS51), /does not start with QZ1/);
  assert.match(unexpected(fx.OBSERVE_JSON_PS7), /does not start with QZ1/);
  assert.match(unexpected('QZ1\nS\t0\tRunning\tAuto\t0\t1'), /cut off/);
  unexpected('QZ1\nS\t0\tUnknown\tAuto\t0\t1\nEND');
  unexpected('QZ1\nS\t0\tRunning\tAuto\tFalse\tTrue\nEND');
  unexpected('QZ1\nS\t0\tRunning\tAuto\t0\t1\nS\t0\tRunning\tAuto\t0\t1\nEND');
  unexpected('QZ1\nS\t1\tRunning\tAuto\t0\t1\nEND');
  unexpected('QZ1\nS\t0\tPaused\tAuto\t0\t1\nN\t0\t1,5\nEND', ['RTCSRV']);
  unexpected('QZ1\nS\t0\tPaused\tAuto\t0\t1\nN\t0\t3\nU\t0\tx\nEND');
  unexpected('QZ1\nS\t0\tPaused\tAuto\t0\t1\nX\t0\t3\nEND');
});

test("step answers: `R code` between QZ1 and END, nothing else; the session's error JSON reads alike from 5.1 and 7", () => {
  assert.is(parseReturnValue('QZ1\nR\t0\nEND'), 0);
  assert.is(parseReturnValue('\uFEFFQZ1\r\nR\t1060\r\nEND\r\n'), 1060);
  for (const text of ['{"ReturnValue":0}', 'QZ1\nR\t0', 'QZ1\nR\t-1\nEND', 'QZ1\nR\t0\nR\t1\nEND'])
    assert.is(parseReturnValue(text), null, text);
  const ps51 = scriptError(fx.ERROR_JSON_PS51, 'observe', 'fe01');
  const ps7 = scriptError(fx.ERROR_JSON_PS7, 'observe', 'fe01');
  assert.equal(ps51, ps7);
  assert.equal(ps7.kind, 'AccessDenied');
  assert.match(ps7.message, /Access is denied\. <fe01> & 'RTCSRV' \[HRESULT 0x80070005\]$/);
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
  assert.match(script, /\$qzNames = @\('RTC''SRV'\)/);
  assert.match(
    script,
    /'RTC''SRV' = @\('\\LS:SIP - Peers\(Clients\)\\SIP - Connections Active', '\\X''\(\*\)\\Y'\)/,
  );
  const step = stepScript('RTCSRV', { action: 'set-startup-type', startType: 'Manual' }, null);
  assert.match(step, /& sc\.exe 'config' 'RTCSRV' 'start=' 'demand'/);
  const decoded = Buffer.from(encodeCommand(step), 'base64').toString('utf16le');
  assert.is(decoded, step);
  assert.match(encodeCommand(step), /^[A-Za-z0-9+/=]+$/, 'the command line carries base64 only');
});

test.run();
