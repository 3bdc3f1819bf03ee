// The lync gates on a windows pool through the real pwsh and the Lync module double (via: cim, Invoke-Command):
// the readiness answer's upgrade domains, Get-CsUpgradeDomainInfo under sfb2019, and Get-CsPoolFabricState
// -PoolFqdn with and without missing replicas; the parses on their own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { windowsFabric } from '../../reconciler/drivers/windows/lync-fabric.ts';
import { parseFabric } from '../../reconciler/drivers/windows/lync-fabric-script.ts';
import { windowsReadiness } from '../../reconciler/drivers/windows/readiness.ts';
import { upgradeDomainsOf } from '../../reconciler/drivers/windows/upgrade-domains.ts';
import { error, value } from '../helpers/builders/result.ts';
import {
  CIM_TARGET,
  localWorld,
  POWERSHELL,
  requirePwsh,
  type ScmWorld,
} from '../helpers/harnesses/windows-scm.ts';

requirePwsh();

const frontEnd = (world: Partial<ScmWorld>) =>
  localWorld({ computer: 'fe01', services: {}, ...world });
const options = { powershell: POWERSHELL, timeoutMs: 20_000 };
const DOMAINS = [
  { name: 'UD1', ready: true, frontEnds: ['fe01.contoso.com', 'fe02.contoso.com'] },
  { name: 'UD2', ready: false, frontEnds: ['fe03.contoso.com'] },
];

test('readiness: PoolUpgradeState with each upgrade domain, its ReadyForUpgrade and its Front Ends', async () => {
  const scm = frontEnd({ readiness: { state: 'Ready', domains: DOMAINS } });
  const reply = value(await windowsReadiness(CIM_TARGET, ['fe01'], options));
  assert.equal(reply, {
    cmdlet: 'Get-CsPoolUpgradeReadinessState',
    state: 'Ready',
    domains: [
      { name: 'UD1', ready: true, servers: ['fe01.contoso.com', 'fe02.contoso.com'] },
      { name: 'UD2', ready: false, servers: ['fe03.contoso.com'] },
    ],
  });
  assert.equal(scm.lines('cmdlets'), ['Get-CsPoolUpgradeReadinessState']);
});

test('readiness under sfb2019: Get-CsUpgradeDomainInfo, the cmdlet that replaced it', async () => {
  const scm = frontEnd({ readiness: { state: 'Busy', domains: [DOMAINS[1]!] } });
  const reply = value(await windowsReadiness(CIM_TARGET, ['fe01'], { ...options, sfb2019: true }));
  assert.equal(reply, {
    cmdlet: 'Get-CsUpgradeDomainInfo',
    state: 'Busy',
    domains: [{ name: 'UD2', ready: false, servers: ['fe03.contoso.com'] }],
  });
  assert.equal(scm.lines('cmdlets'), ['Get-CsUpgradeDomainInfo']);
});

test('fabric: -PoolFqdn is the pool asked; no missing replica, then two, then a pool it does not know or no output', async () => {
  const scm = frontEnd({ fabric: { pool: 'pool01.contoso.com' } });
  const ask = (fqdn = 'pool01.contoso.com') => windowsFabric(CIM_TARGET, ['fe01'], fqdn, options);
  assert.equal(value(await ask()), { missing: [] });
  assert.equal(scm.lines('fabric'), ['pool01.contoso.com']);
  scm.write({ ...scm.read(), fabric: { pool: 'pool01.contoso.com', missing: 2 } });
  const missing = value(await ask()).missing;
  assert.is(missing.length, 3, missing.join('\n'));
  assert.match(missing[0]!, /^Routing group 00000001-.*: missing replicas: 1/);
  assert.is(missing[2], 'Missing replicas: 2');
  assert.match(
    error(await ask("pool02.contoso.com'; Stop-Computer; '")),
    /^Get-CsPoolFabricState on fe01: script error: Pool "pool02\.contoso\.com'; Stop-Computer; '" was not found in the topology\./,
  );
  scm.write({ ...scm.read(), fabric: { shape: 'empty' } });
  assert.match(error(await ask()), /gave no fabric state: it returned nothing; run it there/);
  frontEnd({ lync: false });
  assert.match(error(await ask()), /Get-CsPoolFabricState is not available on fe01/);
});

test('the fabric parse: lines that report missing replicas, not those that say there are none', () => {
  const text = (lines: unknown) => JSON.stringify({ Missing: false, Lines: lines });
  assert.equal(
    parseFabric(text(['Missing replicas: 0', 'no missing replicas', '0 missing replicas'])),
    {
      kind: 'ok',
      value: { missing: [] },
    },
  );
  assert.equal(parseFabric(text('Routing group X: replicas missing')), {
    kind: 'ok',
    value: { missing: ['Routing group X: replicas missing'] },
  });
  assert.equal(parseFabric(text([])), { kind: 'unparsable', detail: 'it returned nothing' });
  assert.equal(parseFabric('{"Missing":true}'), { kind: 'missing' });
});

test('upgrade domains by likely names; a single item as PowerShell 3.0 writes it; none without a list', () => {
  assert.equal(
    upgradeDomainsOf({
      UpgradeDomains: { Name: 'UD9', ReadyforUpgrade: 'False', Servers: 'a.x, b.x' },
    }),
    [{ name: 'UD9', ready: false, servers: ['a.x', 'b.x'] }],
  );
  assert.equal(upgradeDomainsOf({ Other: [{ Name: 'x' }] }), []);
  assert.equal(upgradeDomainsOf(null), []);
});

test.run();
