// What the lync gates' answers mean, as Microsoft's upgrade guide says: Busy waits and counts (10 minutes apart,
// three in a row stop the round), InsufficientActiveFrontEnds stops it, Ready goes when the server's upgrade
// domain is ReadyForUpgrade; missing replicas wait and leave recovery to the operator.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FRESH_MEMORY, type GateMemory } from '../../reconciler/apply/gate-memory.ts';
import {
  BUSY_INTERVAL_MS,
  fabricVerdict,
  readinessVerdict,
} from '../../reconciler/apply/lync-verdicts.ts';
import type { ServerSpec } from '../../reconciler/model.ts';
import { reply } from '../helpers/builders/gate-memories.ts';

const T = Date.parse('2026-12-06T22:00:00Z');
const MIN = 60_000;
const fe = (name: string, upgradeDomain?: string): ServerSpec => ({
  name,
  mode: 'active',
  reason: null,
  services: [],
  ...(upgradeDomain === undefined ? {} : { upgradeDomain }),
});

/** Asks in turn at each time with each state, carrying the memory: the verdicts' states and messages. */
function asks(answers: [number, string][], start: GateMemory = FRESH_MEMORY) {
  let memory = start;
  return answers.map(([at, state]) => {
    const decided = readinessVerdict(reply(state), fe('fe01.x'), memory, at);
    memory = decided.memory;
    return { ...decided.verdict, memory };
  });
}

test('Busy three times in a row, 10 minutes apart, stops the round; asks in between do not count', () => {
  const seen = asks([
    [T, 'Busy'],
    [T + MIN, 'Busy'],
    [T + BUSY_INTERVAL_MS, 'Busy'],
    [T + 2 * BUSY_INTERVAL_MS - MIN, 'Busy'],
    [T + 2 * BUSY_INTERVAL_MS, 'Busy'],
  ]);
  assert.equal(
    seen.map((v) => [v.state, v.memory.busy]),
    [
      ['wait', 1],
      ['wait', 1],
      ['wait', 2],
      ['wait', 2],
      ['blocked', 3],
    ],
  );
  assert.match(seen[0]!.message, /lync2013-readiness: Busy \(1 of 3 in a row/);
  assert.match(
    seen[4]!.message,
    /said Busy 3 times in a row, 10 minutes apart: round stopped \(Microsoft: .*fail it over to its backup pool.*a new spec\.maintenance\.id\)/,
  );
  // Stopped stays stopped, whatever the pool says next.
  const after = asks([[T + 3 * BUSY_INTERVAL_MS, 'Ready']], seen[4]!.memory);
  assert.equal(after[0]!.state, 'blocked');
  assert.match(after[0]!.message, /round stopped/);
});

test('an answer other than Busy ends the run of Busy answers', () => {
  const seen = asks([
    [T, 'Busy'],
    [T + BUSY_INTERVAL_MS, 'Busy'],
    [T + 2 * BUSY_INTERVAL_MS, 'Ready'],
    [T + 3 * BUSY_INTERVAL_MS, 'Busy'],
  ]);
  assert.equal(
    seen.map((v) => [v.state, v.memory.busy]),
    [
      ['wait', 1],
      ['wait', 2],
      ['go', 0],
      ['wait', 1],
    ],
  );
});

test('InsufficientActiveFrontEnds stops the round at once; another state blocks without stopping it', () => {
  const [insufficient] = asks([[T, 'InsufficientActiveFrontEnds']]);
  assert.is(insufficient!.state, 'blocked');
  assert.match(
    insufficient!.message,
    /^lync2013-readiness: InsufficientActiveFrontEnds \(Get-CsPoolUpgradeReadinessState\): round stopped/,
  );
  assert.ok(insufficient!.memory.stopped !== null);
  const [other] = asks([[T, 'Upgrading']]);
  assert.equal(
    [other!.state, other!.message, other!.memory.stopped],
    ['blocked', 'lync2013-readiness: Upgrading', null],
  );
});

test("Ready: the server's upgrade domain decides (ReadyForUpgrade), found by short name or FQDN, checked against the YAML", () => {
  const domains = [
    { name: 'UD1', ready: true, servers: ['FE01.x.contoso.com', 'fe02.x.contoso.com'] },
    { name: 'UD2', ready: false, servers: ['fe03.x.contoso.com'] },
  ];
  const ask = (server: ServerSpec) =>
    readinessVerdict(reply('Ready', domains), server, FRESH_MEMORY, T).verdict;
  assert.equal(ask(fe('fe01.x')), {
    state: 'go',
    message:
      'lync2013-readiness: Ready; fe01.x is in upgrade domain UD1 (as the pool reports it), ReadyForUpgrade True',
  });
  assert.equal(ask(fe('fe03.x.contoso.com')), {
    state: 'wait',
    message:
      'lync2013-readiness: Ready, but fe03.x.contoso.com is in upgrade domain UD2 (as the pool reports it), ReadyForUpgrade False; asked again',
  });
  assert.equal(ask(fe('fe02.x', 'ud1')).state, 'go');
  assert.equal(ask(fe('fe02.x', 'UD2')), {
    state: 'blocked',
    message:
      'lync2013-readiness: fe02.x is declared in upgrade domain UD2, but Get-CsPoolUpgradeReadinessState puts it in UD1; correct its upgradeDomain',
  });
  assert.match(
    ask(fe('fe09.x')).message,
    /fe09\.x is in none of the pool's upgrade domains \(UD1, UD2\)/,
  );
  assert.equal(
    readinessVerdict(reply('Ready'), fe('fe01.x'), FRESH_MEMORY, T).verdict.message,
    'lync2013-readiness: Ready (no upgrade domains in the answer)',
  );
});

test('fabric: no missing replica goes; missing replicas wait, and recovery is left to the operator', () => {
  assert.equal(fabricVerdict({ missing: [] }, 'pool01.contoso.com'), {
    state: 'go',
    message: 'lync-fabric: no missing replicas in pool01.contoso.com',
  });
  const wait = fabricVerdict(
    { missing: ['Routing group A: missing replicas: 1', 'B'] },
    'pool01.x',
  );
  assert.is(wait.state, 'wait');
  assert.match(
    wait.message,
    /^lync-fabric: Get-CsPoolFabricState -PoolFqdn pool01\.x shows missing replicas: Routing group A: missing replicas: 1 \(and 1 more\); asked again\. Whether to run Reset-CsPoolRegistrarState -ResetType QuorumLossRecovery is the operator's decision: quiesce never runs it$/,
  );
});

test.run();
