// The lync2013-readiness gate on a windows pool: the readiness script through the real pwsh and the Lync
// double (Get-CsPoolUpgradeReadinessState) in a local session, sent by Invoke-Command as `via: cim` does; and
// the parse of its answer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  readinessCandidates,
  readinessSessions,
  windowsReadiness,
} from '../../reconciler/drivers/windows/readiness.ts';
import { parseReadiness } from '../../reconciler/drivers/windows/readiness-script.ts';
import type { ServerSpec } from '../../reconciler/model.ts';
import { value } from '../helpers/builders/result.ts';
import {
  CIM_TARGET,
  ended,
  localWorld,
  POWERSHELL,
  requirePwsh,
  type ScmWorld,
} from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

/** A `via: cim` target. */
/** The Front End fe01's world, answering `readiness`. */
const frontEnd = (readiness: ScmWorld['readiness']) =>
  localWorld({ computer: 'fe01', services: {}, readiness });

/** A parsed answer in `state`, from Get-CsPoolUpgradeReadinessState, without upgrade domains. */
const stated = (state: string) => ({
  kind: 'state',
  cmdlet: 'Get-CsPoolUpgradeReadinessState',
  state,
  domains: [],
});

const ask = (servers: string[]) =>
  windowsReadiness(CIM_TARGET, servers, { powershell: POWERSHELL, timeoutMs: 20_000 });

test('each state as the cmdlet names it: Ready, Busy, InsufficientActiveFrontEnds, another; a session per ask, or kept', async () => {
  const scm = frontEnd({ state: 'Ready' });
  assert.is(value(await ask(['fe01'])).state, 'Ready');
  assert.equal([scm.asks().length, scm.starts().length], [1, 1]);
  assert.ok(await ended(scm.starts()), 'the ask closed its PowerShell');
  // A kept session: one PowerShell for every answer.
  const sessions = readinessSessions(CIM_TARGET, { powershell: POWERSHELL, keep: true });
  try {
    for (const state of ['Busy', 'InsufficientActiveFrontEnds', 'Upgrading']) {
      scm.write({ ...scm.read(), readiness: { state } });
      assert.is(value(await windowsReadiness(CIM_TARGET, ['fe01'], { sessions })).state, state);
    }
  } finally {
    await sessions.close();
  }
  assert.equal([scm.asks().length, scm.starts().length], [4, 2]);
  assert.ok(await ended(scm.starts()), 'closed with the sessions');
});

test('another server than the one about to drain first, one the round has not touched before one it has; one that cannot answer gives way to the next', async () => {
  const servers: ServerSpec[] = ['fe01', 'fe02', 'fe03', 'fe04'].map((name) => ({
    name,
    mode: name === 'fe02' ? 'draining' : 'active',
    reason: null,
    services: [],
  }));
  assert.equal(readinessCandidates(servers, 'fe01'), ['fe03', 'fe04', 'fe02', 'fe01']);
  assert.equal(readinessCandidates(servers, 'fe03'), ['fe04', 'fe01', 'fe02', 'fe03']);
  assert.equal(readinessCandidates(servers, 'fe09'), ['fe01', 'fe03', 'fe04', 'fe02']);
  // fe03 is not this world's computer (WinRM fails there); fe01 answers.
  const scm = frontEnd({ state: 'Busy' });
  assert.is(value(await ask(['fe03', 'fe01'])).state, 'Busy');
  assert.is(scm.asks().length, 1);
  assert.is(scm.starts().length, 2);
});

test('the answer: PoolUpgradeState by name (an enum as its name), else another state property; cautious on disagreement', () => {
  const answer = (values: Record<string, string>[]) =>
    JSON.stringify({ Missing: false, Answers: values.map((v) => ({ Type: 'T', Values: v })) });
  assert.equal(
    parseReadiness(answer([{ PoolUpgradeState: 'Busy', TotalFrontEnds: '3' }])),
    stated('Busy'),
  );
  assert.equal(parseReadiness(answer([{ UpgradeState: ' Ready ' }])), stated('Ready'));
  assert.equal(parseReadiness(answer([{ State: 'Ready' }, { State: 'Busy' }])), stated('Busy'));
  // Windows PowerShell 3.0 writes a one-element array as the element.
  assert.equal(
    parseReadiness(
      JSON.stringify({
        Missing: false,
        Answers: { Values: { Value: 'InsufficientActiveFrontEnds' } },
      }),
    ),
    stated('InsufficientActiveFrontEnds'),
  );
  assert.equal(parseReadiness('{"Missing":true}'), { kind: 'missing' });
  assert.equal(parseReadiness(answer([])), { kind: 'unparsable', detail: 'it returned nothing' });
  assert.equal(parseReadiness(answer([{ PoolFqdn: 'p.x', TotalFrontEnds: '3' }])), {
    kind: 'unparsable',
    detail: 'no PoolUpgradeState in its answer (T with PoolFqdn, TotalFrontEnds)',
  });
  assert.equal(parseReadiness('Ready'), { kind: 'unparsable', detail: 'not JSON: "Ready"' });
});

test.run();
