// The lync gates in rounds through the CLI on the simulated driver: Busy counted 10 minutes apart across separate
// runs (the count lives in the store) until the third stops the round; an upgrade domain not ReadyForUpgrade
// waits; missing replicas hold the next drain after a return until Windows Fabric has them again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  clockAt,
  hookLog,
  round,
  roundAudit,
  setReadiness,
} from '../helpers/builders/maintenance-pool.ts';
import { runCli, until } from '../helpers/harnesses/capture.ts';

/** Merges `lync` into the simulated fleet file (what the pool's Lync cmdlets answer). */
function setLync(state: string, lync: Record<string, unknown>): void {
  const path = join(state, 'simulated', 'p.json');
  const fleet = JSON.parse(readFileSync(path, 'utf8'));
  writeFileSync(path, JSON.stringify({ ...fleet, lync }));
}

/** Adds spec.lync.pool to the round's pool file (and a budget). */
function withPool(r: { tree: string }, budget?: string): void {
  const path = join(r.tree, 'p.yaml');
  let text = readFileSync(path, 'utf8').replace(
    '  maintenance:',
    '  lync: {pool: pool01.x.contoso.com}\n  maintenance:',
  );
  if (budget !== undefined) text = text.replace(/ {2}budget: \{[^}]*\}/, `  budget: {${budget}}`);
  writeFileSync(path, text);
}

const drains = (state: string) =>
  roundAudit(state)
    .filter((e) => e.action === 'start-drain')
    .map((e) => e.server);

test('Busy three times in a row, 10 minutes apart, each in its own run: the third stops the round; Ready then does not restart it', async () => {
  const r = round({ servers: 2, gates: '[lync2013-readiness]' });
  await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  setReadiness(r.state, 'Busy');
  const at = (minutes: number) =>
    runCli(['apply', '--state-dir', r.state, r.tree], {
      ...r.env,
      ...clockAt(new Date(Date.parse('2026-12-06T22:00:00Z') + minutes * 60_000).toISOString()),
    });
  const first = await at(0);
  assert.is(first.code, 0, first.stdout);
  assert.match(first.stdout, /lync2013-readiness: Busy \(1 of 3 in a row/);
  // Asked again 2 minutes later: not 10 minutes apart, so not counted.
  assert.match((await at(2)).stdout, /Busy \(1 of 3 in a row/);
  assert.match((await at(10.5)).stdout, /Busy \(2 of 3 in a row/);
  const third = await at(21);
  assert.is(third.code, 3, third.stdout);
  assert.match(
    third.stdout,
    /blocked by a gate: lync2013-readiness: Get-CsPoolUpgradeReadinessState said Busy 3 times in a row, 10 minutes apart: round stopped/,
  );
  setReadiness(r.state, 'Ready');
  const later = await at(40);
  assert.is(later.code, 3);
  assert.match(later.stdout, /round stopped/);
  // A plan asks nothing, and shows the stop the store keeps.
  const planned = await runCli(['plan', '--state-dir', r.state, r.tree], r.env);
  assert.match(
    planned.stdout,
    /fe01\.x {2}blocked by gate: .*Busy 3 times in a row, 10 minutes apart: round stopped/,
  );
  assert.equal(drains(r.state), []);
});

test('an upgrade domain not ReadyForUpgrade waits; once it is, its server drains; the YAML must agree with the pool', async () => {
  const r = round({ servers: 3, gates: '[lync2013-readiness]' });
  await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  const domains = (ready: boolean) => [
    { name: 'UD1', ready, servers: ['fe01.x'] },
    { name: 'UD2', ready: false, servers: ['fe02.x', 'fe03.x'] },
  ];
  setLync(r.state, { upgradeDomains: domains(false) });
  const waiting = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(waiting.code, 0, waiting.stdout);
  assert.match(
    waiting.stdout,
    /fe01\.x {2}blocked by gate: lync2013-readiness: Ready, but fe01\.x is in upgrade domain UD1 \(as the pool reports it\), ReadyForUpgrade False; asked again/,
  );
  assert.equal(drains(r.state), []);
  setLync(r.state, { upgradeDomains: domains(true) });
  const ready = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(ready.code, 0, ready.stdout);
  assert.equal(drains(r.state), ['fe01.x']);

  const d = round({ servers: 3, gates: '[lync2013-readiness]', budget: 'quorum: lync2013' });
  const yaml = join(d.tree, 'p.yaml');
  writeFileSync(
    yaml,
    readFileSync(yaml, 'utf8').replace(
      'fe01.x: active',
      'fe01.x: {mode: active, upgradeDomain: UD2}',
    ),
  );
  await runCli(['status', '--state-dir', d.state, d.tree], d.env);
  setLync(d.state, { upgradeDomains: domains(true) });
  const wrong = await runCli(['apply', '--state-dir', d.state, d.tree], d.env);
  assert.is(wrong.code, 3, wrong.stdout);
  assert.match(
    wrong.stdout,
    /fe01\.x is declared in upgrade domain UD2, but Get-CsPoolUpgradeReadinessState puts it in UD1; correct its upgradeDomain/,
  );
  assert.equal(drains(d.state), []);
});

test('sfb2019: the readiness gate asks Get-CsUpgradeDomainInfo', async () => {
  const r = round({ servers: 3, gates: '[lync2013-readiness]', budget: 'quorum: sfb2019' });
  await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  setReadiness(r.state, 'InsufficientActiveFrontEnds');
  const out = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(out.code, 3, out.stdout);
  assert.match(
    out.stdout,
    /lync2013-readiness: InsufficientActiveFrontEnds \(Get-CsUpgradeDomainInfo\): round stopped/,
  );
  assert.equal(drains(r.state), []);
});

test('lync-fabric: missing replicas hold the first drain, and after a return the next server waits for them', async () => {
  const r = round({ servers: 2, gates: '[lync-fabric]', hookMs: 1500 });
  withPool(r);
  await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  setLync(r.state, { missingReplicas: 1 });
  const held = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(held.code, 0, held.stdout);
  assert.match(
    held.stdout,
    /fe01\.x {2}blocked by gate: lync-fabric: Get-CsPoolFabricState -PoolFqdn pool01\.x\.contoso\.com shows missing replicas: .*; asked again\. Whether to run Reset-CsPoolRegistrarState -ResetType QuorumLossRecovery is the operator's decision: quiesce never runs it/,
  );
  assert.equal(drains(r.state), []);
  setLync(r.state, { missingReplicas: 0 });
  const applying = runCli(['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree], {
    ...r.env,
    QUIESCE_GATE_RECHECK_SECONDS: '0.2',
  });
  // fe01 drains; while its hook runs (quiesce writes no step then), a replica goes missing: fe02 waits after fe01
  // is back.
  await until(
    () => hookLog(r.log).some(([what, server]) => what === 'start' && server === 'fe01.x'),
    20_000,
    'fe01 hook',
  );
  setLync(r.state, { missingReplicas: 1 });
  await until(
    () => roundAudit(r.state).some((e) => e.action === 'record-done' && e.server === 'fe01.x'),
    20_000,
    'fe01 back',
  );
  await new Promise((resolve) => setTimeout(resolve, 800));
  assert.equal(drains(r.state), ['fe01.x'], 'fe02 waits for the missing replica');
  setLync(r.state, { missingReplicas: 0 });
  const done = await applying;
  assert.is(done.code, 0, done.stdout);
  assert.equal(drains(r.state), ['fe01.x', 'fe02.x']);
  assert.match(done.stdout, /maintenance p CHG0042: done, 2 of 2 done/);
});

test('one upgrade domain at a time in a round: declared in the YAML, or as the readiness gate reports them', async () => {
  const of = [
    ['fe01.x', 'UD1'],
    ['fe02.x', 'UD1'],
    ['fe03.x', 'UD2'],
    ['fe04.x', 'UD2'],
    ['fe05.x', 'UD3'],
    ['fe06.x', 'UD3'],
  ];
  // quorum lync2013 lets 3 of 6 out: without upgrade domains fe01, fe02 and fe03 would drain together.
  const declared = round({ servers: 6, budget: 'quorum: lync2013' });
  const yaml = join(declared.tree, 'p.yaml');
  let text = readFileSync(yaml, 'utf8');
  for (const [server, domain] of of)
    text = text.replace(`${server}: active`, `${server}: {mode: active, upgradeDomain: ${domain}}`);
  writeFileSync(yaml, text);
  const reported = round({ servers: 6, budget: 'quorum: lync2013', gates: '[lync2013-readiness]' });
  await runCli(['status', '--state-dir', reported.state, reported.tree], reported.env);
  setLync(reported.state, {
    upgradeDomains: ['UD1', 'UD2', 'UD3'].map((name) => ({
      name,
      ready: true,
      servers: of.filter(([, d]) => d === name).map(([s]) => s),
    })),
  });
  for (const r of [declared, reported]) {
    const out = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
    assert.is(out.code, 0, out.stdout);
    assert.equal(drains(r.state), ['fe01.x', 'fe02.x']);
    assert.match(
      out.stdout,
      /fe03\.x {2}waiting for upgrade domain UD1 to be back \(fe01\.x is out\): one upgrade domain at a time/,
    );
  }
});

test("the walkthrough's Front End pool: 6 servers, both gates, the pool's upgrade domains two by two, to the end", async () => {
  const r = round({
    servers: 6,
    budget: 'quorum: lync2013',
    gates: '[lync-fabric, lync2013-readiness]',
  });
  withPool(r);
  await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  setLync(r.state, {
    missingReplicas: 0,
    upgradeDomains: [1, 2, 3].map((n) => ({
      name: `UpgradeDomain${n}`,
      ready: true,
      servers: [`fe0${2 * n - 1}.x`, `fe0${2 * n}.x`],
    })),
  });
  const out = await runCli(['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree], {
    ...r.env,
    QUIESCE_GATE_RECHECK_SECONDS: '0.2',
  });
  assert.is(out.code, 0, out.stdout);
  assert.match(out.stdout, /maintenance p CHG0042: done, 6 of 6 done/);
  // Never two upgrade domains out at once: each pair is back before the next starts.
  const audit = roundAudit(r.state).map((e) => `${e.action} ${e.server}`);
  const at = (line: string) => audit.indexOf(line);
  for (const [done, next] of [
    ['fe02.x', 'fe03.x'],
    ['fe01.x', 'fe03.x'],
    ['fe04.x', 'fe05.x'],
    ['fe03.x', 'fe05.x'],
  ])
    assert.ok(at(`record-done ${done}`) < at(`start-drain ${next}`), audit.join('\n'));
  assert.ok(at('start-drain fe02.x') < at('record-done fe01.x'), 'fe01 and fe02 out together');
});

test('a fleet file whose lync answers are malformed is refused, saying what is wrong', async () => {
  const r = round({ servers: 2, gates: '[lync2013-readiness]' });
  await runCli(['status', '--state-dir', r.state, r.tree], r.env);
  for (const [lync, says] of [
    [{ missingReplicas: -1 }, 'lync.missingReplicas must be a whole number >= 0'],
    [
      { upgradeDomains: [{ name: 'UD1', ready: 'yes', servers: [] }] },
      'lync.upgradeDomains[0].ready must be true or false',
    ],
    [{ upgradeDomains: {} }, 'lync.upgradeDomains must be an array'],
  ] as const) {
    setLync(r.state, lync);
    const out = await runCli(['status', '--state-dir', r.state, r.tree], r.env);
    assert.is(out.code, 1, out.stdout);
    assert.ok((out.stdout + out.stderr).includes(says), out.stdout + out.stderr);
  }
});

test.run();
