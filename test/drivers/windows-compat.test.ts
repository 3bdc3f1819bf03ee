// Every script the Windows driver can send, checked by PowerShell's own parser (in the real pwsh): it parses,
// calls only Windows PowerShell 3.0 commands from an allowlist, and uses no syntax newer than 3.0.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  activityFor,
  BOOTSTRAP,
  countersFor,
  infoFor,
  observeScript,
  SESSION_PRESETS,
  stepScript,
} from '../../reconciler/drivers/windows/index.ts';
import {
  type LyncStep,
  lyncStepScript,
} from '../../reconciler/drivers/windows/lync-methods-script.ts';
import type { ServiceControl, StartType } from '../../reconciler/model.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { requirePwsh } from '../helpers/harnesses/windows-scm.ts';

const pwsh = requirePwsh();
const CHECKER = resolve('test/fixtures/windows-scm/Test-Ps3Compat.ps1');

interface Script {
  name: string;
  text: string;
  /** Runs inside the session loop (must not exit). */
  request: boolean;
}

/** Every script shape the driver generates: each step, each observe variant, local and -ComputerName. */
function everyScript(): Script[] {
  const scripts: Script[] = [{ name: 'bootstrap', text: BOOTSTRAP, request: false }];
  const starts: StartType[] = ['Automatic', 'AutomaticDelayed', 'Manual', 'Disabled'];
  const steps: ServiceControl[] = [
    { action: 'pause' },
    { action: 'resume' },
    { action: 'start' },
    ...starts.map((startType) => ({ action: 'set-startup-type' as const, startType })),
  ];
  const services = ['RTCSRV', 'RTCMEDSRV', "O'Brien$svc"];
  for (const computer of [null, 'fe01.contoso.com']) {
    const where = computer === null ? 'local' : 'cim';
    for (const step of steps) {
      const label =
        step.action === 'set-startup-type' ? `${step.action} ${step.startType}` : step.action;
      for (const service of services)
        scripts.push({
          name: `step ${label} ${service} (${where})`,
          text: stepScript(service, step, computer),
          request: true,
        });
    }
    const lyncSteps: LyncStep[] = [
      { action: 'graceful-stop' },
      { action: 'failover', waitMs: 5_400_000 },
      { action: 'failback' },
    ];
    for (const step of lyncSteps)
      for (const service of services)
        scripts.push({
          name: `lync step ${step.action} ${service} (${where})`,
          text: lyncStepScript(service, step, "fe01.contoso.com'; Stop-Computer; '", computer),
          request: true,
        });
    const counterSets = {
      none: {},
      lync: countersFor('lync', services),
      'every preset': Object.fromEntries(
        Object.keys(SESSION_PRESETS).map((preset, i) => [
          `S${i}`,
          countersFor({ [`S${i}`]: preset }, [`S${i}`])[`S${i}`]!,
        ]),
      ),
      'quoted path': { RTCSRV: ["\\X'(*)\\Y $(Stop-Computer)"] },
    };
    for (const [label, counters] of Object.entries(counterSets)) {
      scripts.push({
        name: `observe ${label} (${where})`,
        text: observeScript([...services, ...Object.keys(counters)], counters, computer),
        request: true,
      });
      scripts.push({
        name: `observe one ${label} (${where})`,
        text: observeScript(['RTCSRV'], counters, computer),
        request: true,
      });
    }
    // sessions: lync as the driver sends it: ActivityLevel and the information counters too.
    scripts.push({
      name: `observe lync with ActivityLevel and information (${where})`,
      text: observeScript(services, countersFor('lync', services), computer, {
        activity: activityFor('lync', services),
        info: infoFor('lync', services),
      }),
      request: true,
    });
  }
  return scripts;
}

/** What the checker says about `scripts`: "name: problem" lines. */
function check(scripts: Script[]): string[] {
  const path = join(tempTree({}), 'scripts.json');
  writeFileSync(path, JSON.stringify(scripts));
  const out = execFileSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', CHECKER, path], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  const problems = JSON.parse(out) as { name: string; problem: string }[];
  return problems.map((p) => `${p.name}: ${p.problem}`);
}

test('every generated script parses and uses only Windows PowerShell 3.0 commands and syntax', () => {
  const scripts = everyScript();
  assert.ok(scripts.length > 50, `${scripts.length} scripts`);
  const bad: Script[] = [
    ['class', 'class Foo { [int]$x }'],
    ['new', '$x = [System.Text.StringBuilder]::new()'],
    ['coalesce', '$x = $null ?? 1'],
    ['ternary', '$x = $true ? 1 : 2'],
    ['chain', 'Get-Date && Get-Date'],
    ['parallel', '1..3 | ForEach-Object -Parallel { $_ }'],
    ['unknown command', 'Get-FooBar -Name x'],
    ['where method', '@(1, 2).Where({ $_ -gt 1 })'],
    ['exit', 'exit 0'],
    ['parse error', 'if ($x { }'],
  ].map(([name, text]) => ({ name: `bad ${name}`, text: text!, request: true }));
  const problems = check([...scripts, ...bad]);
  const good = problems.filter((p) => !p.startsWith('bad '));
  assert.equal(good, [], good.join('\n'));
  for (const { name } of bad)
    assert.ok(
      problems.some((p) => p.startsWith(`${name}:`)),
      `the checker must reject "${name}": ${problems.join('\n')}`,
    );
});

test.run();
