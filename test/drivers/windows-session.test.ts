// The Windows driver's pure parts: frames, script errors, presets (and the schema's names for them), adoption
// of a hand-made drain into health. No PowerShell needed here.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  activityFor,
  BOOTSTRAP,
  countersFor,
  infoFor,
  parseFrame,
  parseObserve,
  requestLine,
  SESSION_PRESETS,
  scriptError,
  sessionArgs,
} from '../../reconciler/drivers/windows/index.ts';
import { serviceHealth } from '../../reconciler/plan/health.ts';
import * as fx from '../fixtures/windows-output.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('frames: one line each; noise before a frame on the same line is ignored; a broken frame is told apart', () => {
  assert.is(requestLine(7, 'Get-Date'), `7 ${Buffer.from('Get-Date').toString('base64')}\n`);
  const text = Buffer.from('[{"a":1}]').toString('base64');
  assert.equal(parseFrame(`#QZ# 3 ok ${text}`), { id: 3, kind: 'ok', text: '[{"a":1}]' });
  assert.equal(parseFrame(`WARNING: slow#QZ# 3 ok ${text}\r`), {
    id: 3,
    kind: 'ok',
    text: '[{"a":1}]',
  });
  assert.is(parseFrame('WARNING: The WS-Management service is slow'), null);
  assert.is(parseFrame('#QZ# 3 ok eyJ0cnVuY2F0ZWQi'.slice(0, 20)), 'bad');
  assert.is(parseFrame('#QZ# 3 ok abc'), 'bad', 'base64 of a wrong length');
});

test('the bootstrap never reads scripts through -Command - and never exits from a request', () => {
  const args = sessionArgs();
  assert.equal(args.slice(0, 3), ['-NoProfile', '-NonInteractive', '-EncodedCommand']);
  assert.not.ok(args.includes('-Command'));
  assert.is(Buffer.from(args[3]!, 'base64').toString('utf16le'), BOOTSTRAP);
  assert.match(BOOTSTRAP, /\[ScriptBlock\]::Create/);
  assert.match(BOOTSTRAP, /\$ErrorActionPreference = 'Stop'/);
  assert.match(BOOTSTRAP, /try \{[\s\S]*\} catch \{/);
});

test('script errors: the category decides the kind; the message is a short excerpt', () => {
  const of = (category: string, message: string) =>
    scriptError(JSON.stringify({ category, id: 'X,Y', message }), 'observe', 'fe01');
  assert.is(of('PermissionDenied', 'nope').kind, 'AccessDenied');
  assert.is(of('NotSpecified', 'Access is denied. (0x80070005)').kind, 'AccessDenied');
  assert.is(of('ConnectionError', 'WinRM cannot complete').kind, 'Unreachable');
  assert.is(of('OperationTimeout', 'slow').kind, 'Timeout');
  const other = of('InvalidOperation', `bad\n${'y'.repeat(500)}`);
  assert.is(other.kind, 'Unexpected');
  assert.match(other.message, /^observe on fe01: script error: bad y+… \[X\]$/);
  assert.is(
    scriptError('not json', 'observe', 'fe01').message,
    'observe on fe01: script error: not json',
  );
});

test('presets: lync gives each Lync service its row; per service a preset, a path or several paths', () => {
  assert.equal(countersFor('lync', ['RTCSRV', 'RTCMEDSRV', 'RTCATS']), {
    RTCSRV: [
      '\\LS:AVMCU - Operations\\AVMCU - Number of Conferences',
      '\\LS:ImMcu - IMMcu Conferences\\IMMCU - Active Conferences',
      '\\LS:AsMcu - AsMcu Conferences\\ASMCU - Active Conferences',
    ],
    RTCMEDSRV: [
      '\\LS:MediationServer - Inbound Calls(_Total)\\- Current',
      '\\LS:MediationServer - Outbound Calls(_Total)\\- Current',
    ],
  });
  assert.equal(
    countersFor({ RTCSRV: 'lync-registrations', RTCAVMCU: ['\\A\\B', '\\C\\D'], x: '\\E\\F' }, [
      'RTCSRV',
      'RTCAVMCU',
      'X',
    ]),
    {
      RTCSRV: ['\\LS:USrv - Endpoint Cache\\USrv - Active Registered Endpoints'],
      RTCAVMCU: ['\\A\\B', '\\C\\D'],
      X: ['\\E\\F'],
    },
  );
  const schema = JSON.parse(readFileSync('schemas/pool.schema.json', 'utf8'));
  assert.equal(
    schema.$defs.sessionSource.else.else.enum,
    Object.keys(SESSION_PRESETS),
    'the schema lists every preset',
  );
  // Under `lync` only: signed-in clients as information on RTCSRV, ActivityLevel asked for every service.
  assert.equal(infoFor('lync', ['rtcsrv', 'RTCMEDSRV']), {
    rtcsrv: {
      clients: '\\LS:SIP - Peers(Clients)\\SIP - Connections Active',
      registered: '\\LS:USrv - Endpoint Cache\\USrv - Active Registered Endpoints',
    },
  });
  assert.equal(activityFor('lync', ['RTCSRV', 'RTCCAA']), ['RTCSRV', 'RTCCAA']);
  assert.equal(
    [infoFor({ RTCSRV: 'lync-frontend' }, ['RTCSRV']), activityFor({}, ['RTCSRV'])],
    [{}, []],
  );
});

test('adoption: a Paused service carries when it was paused (event 7036), and health says Stalled past drain.timeout', () => {
  const seen = value(parseObserve(fx.OBSERVE_ADOPTED, ['RTCSRV', 'RTCAVMCU']));
  const [srv, avmcu] = seen.services;
  assert.is(srv!.since, Date.parse('2026-11-28T10:15:30.123Z'));
  assert.equal([avmcu!.since, avmcu!.sessions], [null, null]);
  assert.equal(seen.warnings, [
    'RTCAVMCU: sessions cannot be read: \\LS:AVMCU - Operations\\AVMCU - Number of Users: The specified object was not found on the computer.',
  ]);
  const twoHours = 2 * 3600_000;
  assert.is(serviceHealth('draining', srv!, twoHours, srv!.since! + twoHours - 1), 'Draining');
  assert.is(serviceHealth('draining', srv!, twoHours, srv!.since! + twoHours + 1), 'Stalled');
  // A counter that cannot be read is never zero and never done: Draining, not Paused (issue 20 item 3).
  assert.match(avmcu!.sessionsUnreadable ?? '', /The specified object was not found/);
  assert.is(serviceHealth('draining', avmcu!, twoHours, 0), 'Draining');
  const { sessionsUnreadable: _, ...counted } = avmcu!;
  assert.is(
    serviceHealth('draining', counted, twoHours, 0),
    'Paused',
    'no counters at all: Paused',
  );
  const running = value(parseObserve(fx.OBSERVE_ARRAY, ['RTCSRV', 'RTCMEDSRV'])).services[0]!;
  assert.is(running.since, null, 'only a Paused service is dated');
});

test('validate: a misspelt preset or a bad counter path is a positioned error with a suggestion', async () => {
  const pool = (name: string, sessions: string) => `apiVersion: quiesce/v1
kind: Pool
metadata: {name: ${name}}
spec:
  target:
    driver: windows
    sessions: ${sessions}
  loadBalancing: dns
  services: [RTCSRV, RTCMEDSRV]
  servers:
    ${name}.contoso.com: active
`;
  const tree = tempTree({
    'a.yaml': pool('fe1', 'lynk'),
    'b.yaml': pool('fe2', "{RTCSRV: lync-frontnd, RTCMEDSRV: ['\\LS:X\\Y', 'nope']}"),
    'c.yaml': pool('fe3', "{RTCSRV: lync-registrations, RTCMEDSRV: ['\\LS:X\\Y', '\\LS:Z']}"),
  });
  const out = await runCli(['validate', tree]);
  assert.is(out.code, 1);
  const text = out.stdout + out.stderr;
  assert.match(
    text,
    /a\.yaml:7:15 error `lynk` is not a valid value for spec\.target\.sessions; expected lync\n\s+hint: did you mean `lync`\?/,
  );
  assert.match(
    text,
    /b\.yaml:7:\d+ error `lync-frontnd` is not a valid value for spec\.target\.sessions\.RTCSRV.*\n\s+hint: did you mean `lync-frontend`\?/,
  );
  assert.match(text, /b\.yaml:7:\d+ error `nope` is not a valid performance counter path/);
  assert.not.match(text, /c\.yaml/);
});

test.run();
