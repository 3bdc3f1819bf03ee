// Issue 22's bad input: each one positioned error with a hint, and nothing loads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadIssue } from '../../reconciler/errors.ts';
import { loadDesiredState } from '../../reconciler/load/index.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';

/** Issues for one file `a.yaml`; fails when the file loads. */
async function issuesOf(text: string): Promise<LoadIssue[]> {
  const dir = tempTree({ 'a.yaml': text });
  const result = await loadDesiredState([dir]);
  if (result.isOk()) assert.unreachable(`expected issues for\n${text}`);
  return result.isErr() ? result.error : [];
}

/** The single pool a valid file loads to. */
async function poolOf(text: string) {
  const result = await loadDesiredState([tempTree({ 'a.yaml': text })]);
  if (result.isErr()) assert.unreachable(JSON.stringify(result.error, null, 1));
  return result._unsafeUnwrap().pools[0]!;
}

const serversOf = (size: number) =>
  Array.from({ length: size }, (_, i) => `fe${i}.x: active`).join('\n    ');
const budget = (preset: string) => `  budget:\n    quorum: ${preset}\n`;

/** One issue, at `line:column`, whose message and hint match. */
function one(issues: LoadIssue[], at: string, message: RegExp, hint: RegExp) {
  assert.is(issues.length, 1, JSON.stringify(issues));
  const issue = issues[0]!;
  assert.is(`${issue.line}:${issue.column}`, at);
  assert.match(issue.message, message);
  assert.match(issue.hint ?? '', hint);
}

test('quorum lync2013 with 13 servers: refused at the budget, pointing at sfb2019', async () => {
  one(
    await issuesOf(poolYaml('a', serversOf(13), budget('lync2013'))),
    '11:5',
    /quorum lync2013 is defined for pools of 2 to 12 Front End servers; this pool has 13 servers$/,
    /at most 12 servers .*quorum sfb2019/,
  );
});

test('quorum sfb2019 with 2 servers: refused (no two-server pools in 2019)', async () => {
  one(
    await issuesOf(poolYaml('a', serversOf(2), budget('sfb2019'))),
    '11:5',
    /quorum sfb2019 is defined for pools of 3 to 16 Front End servers; this pool has 2 servers$/,
    /does not support Enterprise Edition Front End pools of two servers/,
  );
  one(
    await issuesOf(poolYaml('a', serversOf(17), budget('sfb2019'))),
    '11:5',
    /this pool has 17 servers$/,
    /at most 16 servers/,
  );
});

test('an unknown quorum preset names the ones there are', async () => {
  const issues = await issuesOf(poolYaml('a', serversOf(3), budget('sfb2016')));
  assert.is(issues.length, 1, JSON.stringify(issues));
  assert.is(`${issues[0]!.line}:${issues[0]!.column}`, '11:13');
  assert.match(`${issues[0]!.message} ${issues[0]!.hint ?? ''}`, /lync2013.*sfb2015.*sfb2019/);
});

test('the presets load on the sizes their tables cover', async () => {
  for (const [preset, sizes] of [
    ['sfb2015', [2, 12]],
    ['sfb2019', [3, 12, 16]],
  ] as const)
    for (const size of sizes) {
      const pool = await poolOf(poolYaml('a', serversOf(size), budget(preset)));
      assert.equal(pool.budget, { kind: 'quorum', preset });
    }
});

test('drain onTimeout stop without a timeout: refused at onTimeout', async () => {
  one(
    await issuesOf(poolYaml('a', serversOf(2), '  drain:\n    onTimeout: stop\n')),
    '11:16',
    /^drain onTimeout stop needs a drain timeout/,
    /add drain.timeout/,
  );
  const pool = await poolOf(
    poolYaml('a', serversOf(2), '  drain:\n    timeout: 2h\n    onTimeout: stop\n'),
  );
  assert.equal(pool.drain, { timeoutMs: 7_200_000, allowSessionLoss: false, onTimeout: 'stop' });
});

const withServices = (services: string, server = 'fe0.x: active') =>
  poolYaml('a', server).replace('services: [RTCSRV, RTCMEDSRV]', `services: ${services}`);

test("service presets per role expand to Microsoft's services, alone or as an item; overrides still apply", async () => {
  const edge = await poolOf(withServices('lync-edge'));
  assert.equal(edge.services, ['RTCSRV', 'RTCDATAPROXY', 'RTCMRAUTH', 'RTCMEDIARELAY']);
  const fe = await poolOf(
    withServices(
      '[lync-frontend, RTCMEDSRV]',
      'fe0.x:\n      mode: draining\n      services:\n        RTCCAA: active',
    ),
  );
  assert.equal(fe.services, [
    'RTCSRV',
    'RTCCAA',
    'RTCCAS',
    'RTCRGS',
    'RTCCPS',
    'RTCIMMCU',
    'RTCAVMCU',
    'RTCASMCU',
    'RTCMEDSRV',
  ]);
  const modes = Object.fromEntries(fe.servers[0]!.services.map((s) => [s.name, s.mode]));
  assert.is(modes.RTCCAA, 'active');
  assert.is(modes.RTCSRV, 'draining');
  assert.equal((await poolOf(withServices('lync-mediation'))).services, ['RTCMEDSRV']);
});

test('an unknown service preset (a bare word that is no preset) is refused where it is written', async () => {
  const issues = await issuesOf(withServices('lync-edgee'));
  assert.is(issues.length, 1, JSON.stringify(issues));
  assert.is(`${issues[0]!.line}:${issues[0]!.column}`, '9:13');
  assert.match(`${issues[0]!.message} ${issues[0]!.hint ?? ''}`, /lync-edge/);
});

test('upgradeDomain on a pool without a Lync preset: refused at the key; with one it loads', async () => {
  const server = 'fe0.x:\n      mode: active\n      upgradeDomain: UD1\n    fe1.x: active';
  one(
    await issuesOf(poolYaml('a', server)),
    '13:7',
    /^upgradeDomain on server `fe0.x` needs a Lync quorum preset: pool `a` has none$/,
    /add budget: \{quorum: lync2013 \| sfb2015 \| sfb2019\}/,
  );
  const pool = await poolOf(poolYaml('a', server, budget('lync2013')));
  assert.is(pool.servers[0]!.upgradeDomain, 'UD1');
  assert.not.ok('upgradeDomain' in pool.servers[1]!);
});

test.run();
