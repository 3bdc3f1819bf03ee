// Issue 9: hostile, huge and mistaken pool files get one clear, positioned, bounded error each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadIssue } from '../../reconciler/errors.ts';
import { loadDesiredState } from '../../reconciler/load/index.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';

/** Issues for one file `a.yaml`, paths made relative; fails when the file loads. */
async function issuesOf(text: string): Promise<LoadIssue[]> {
  const dir = tempTree({ 'a.yaml': text });
  const result = await loadDesiredState([dir]);
  if (result.isOk()) assert.unreachable(`expected issues for\n${text}`);
  return result.isErr()
    ? result.error.map((issue) => ({ ...issue, file: issue.file.slice(dir.length + 1) }))
    : [];
}

/** The single pool a valid file loads to. */
async function poolOf(text: string) {
  const result = await loadDesiredState([tempTree({ 'a.yaml': text })]);
  if (result.isErr()) assert.unreachable(JSON.stringify(result.error, null, 1));
  return result._unsafeUnwrap().pools[0]!;
}

/** CPU time a call takes, in ms (insensitive to other processes sharing the machine). */
async function cpuMs<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const before = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}

const where = (issue: LoadIssue) => `${issue.line}:${issue.column}`;

test('item 9: a misspelt driver is one error with one hint', async () => {
  const issues = await issuesOf(poolYaml('a').replace('driver: simulated', 'driver: simulatd'));
  assert.is(issues.length, 1, JSON.stringify(issues, null, 1));
  assert.is(where(issues[0]!), '7:13');
  assert.match(issues[0]!.message, /expected one of simulated, windows, haproxy/);
  assert.is(issues[0]!.hint, 'did you mean `simulated`?');
});

const empties: [string, string, string][] = [
  ['kind', 'kind: Pool', 'kind:'],
  ['metadata', 'metadata:\n  name: a', 'metadata:'],
  ['target', 'target:\n    driver: simulated', 'target:'],
  ['servers', 'servers:\n    fe01.contoso.com: active\n    fe02.contoso.com: active', 'servers:'],
  ['budget', 'spec:\n', 'spec:\n  budget:\n'],
  ['drain', 'spec:\n', 'spec:\n  drain:\n'],
];
for (const [key, from, to] of empties) {
  test(`item 21: an empty \`${key}:\` is placed at its own key, 1-based`, async () => {
    const text = poolYaml('a').replace(from, to);
    const line = text.split('\n').findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf(key) + 1;
    const issues = await issuesOf(text);
    assert.ok(issues.length > 0);
    for (const issue of issues) assert.ok(issue.line >= 1 && issue.column >= 1, where(issue));
    const at = issues.find((issue) => issue.line === line && issue.column === column);
    assert.ok(at, `no issue at ${line}:${column} in ${JSON.stringify(issues, null, 1)}`);
    assert.match(at.message, /empty/);
    assert.ok(at.hint, 'an empty value says what to do');
  });
}

test('item 21: an empty list item is placed at its list', async () => {
  const issues = await issuesOf(
    poolYaml('a').replace('services: [RTCSRV, RTCMEDSRV]', 'services:\n    - RTCSRV\n    -'),
  );
  for (const issue of issues) assert.ok(issue.column >= 1, where(issue));
  assert.ok(
    issues.some((issue) => issue.line === 10 && issue.column === 5),
    JSON.stringify(issues),
  );
});

test('item 18: 130,000 schema errors: the first 100 and the count, no stack overflow', async () => {
  const servers = Array.from({ length: 130_000 }, (_, i) => `s${i}: x`).join('\n    ');
  const { value: issues } = await cpuMs(() => issuesOf(poolYaml('a', servers)));
  assert.is(issues.length, 101);
  const last = issues[100]!;
  assert.is(last.code, 'too-many');
  assert.is(last.omitted, 129_900);
  assert.match(last.message, /129,900 more problems not shown \(130,000 in all\)/);
  assert.is(where(last), '111:11');
  assert.is(where(issues[0]!), '11:9');
});

test('item 19: 1,500 unknown names in a haproxy servers map take well under a second', async () => {
  const unknown = Array.from({ length: 1500 }, (_, i) => `        unknown${i}.x: h${i}`).join('\n');
  const servers = Array.from({ length: 1500 }, (_, i) => `fe${i}.x: active`).join('\n    ');
  const text = poolYaml('a', servers).replace(
    'target:\n    driver: simulated',
    `target:\n    - driver: simulated\n    - driver: haproxy\n      socket: /run/h.sock\n      backends: [be]\n      servers:\n${unknown}`,
  );
  const { value: issues, ms } = await cpuMs(() => issuesOf(text));
  assert.ok(ms < 1000, `took ${ms} ms of CPU`);
  assert.is(issues.length, 101);
  assert.is(issues[100]!.omitted, 1400);
});

test('item 19: a near miss among many names still gets its hint', async () => {
  const servers = Array.from({ length: 1500 }, (_, i) => `fe${i}.contoso.com: active`).join(
    '\n    ',
  );
  const text = poolYaml('a', servers).replace(
    'target:\n    driver: simulated',
    'target:\n    - driver: simulated\n    - driver: haproxy\n      socket: /run/h.sock\n      backends: [be]\n      servers:\n        fe1499.contoso.cmo: web1',
  );
  const issues = await issuesOf(text);
  assert.is(issues[0]!.hint, 'did you mean `fe1499.contoso.com`?');
});

test('item 20: a 4 MiB unknown key: quoted in 80 characters, no hint search, fast, bounded memory', async () => {
  const key = 'k'.repeat(4 * 1024 * 1024 - 400);
  const rss = process.memoryUsage().rss;
  const { value: issues, ms } = await cpuMs(() =>
    issuesOf(poolYaml('a').replace('  servers:', `  ${key}: 1\n  servers:`)),
  );
  const grown = (process.memoryUsage().rss - rss) / 1024 / 1024;
  assert.ok(ms < 1000, `took ${ms} ms of CPU`);
  assert.ok(grown < 400, `grew by ${grown.toFixed(0)} MiB`);
  assert.is(issues.length, 1);
  assert.match(issues[0]!.message, /^unknown field `k{79}…` in spec$/);
  assert.is(where(issues[0]!), '10:3');
});

test('item 20: long values and names are quoted in at most ~80 characters', async () => {
  const long = 'x'.repeat(5000);
  const issues = await issuesOf(
    poolYaml('a', `${long}.x: ${long}`)
      .replace('kind: Pool', `kind: ${long}`)
      .replace('driver: simulated', `driver: ${long}`),
  );
  assert.ok(issues.length >= 3);
  for (const issue of issues) {
    assert.ok(issue.message.length < 300, issue.message.slice(0, 400));
    assert.ok((issue.hint ?? '').length < 300);
  }
});

test('item 22: control characters from YAML are escaped in messages', async () => {
  const issues = await issuesOf(
    poolYaml('a', '"fe\\e[2J\\u202e01.x": active').replace(
      'kind: Pool',
      'kind: "Po\\rol\\x07"\n"ev\\x1b]0;pwned\\x07il\\n": 1',
    ),
  );
  for (const issue of issues) {
    assert.not.match(`${issue.message} ${issue.hint ?? ''}`, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
  }
  const text = issues.map((issue) => `${issue.message} ${issue.hint ?? ''}`).join('\n');
  assert.match(text, /`ev\\x1b\]0;pwned\\x07il\\n`/);
  assert.match(text, /`Po\\rol\\x07`/);
  assert.match(text, /`fe\\x1b\[2J\\u202e01\.x`/);
});

test('item 23: service names ignore case: `[RTCSRV, rtcsrv]` is a duplicate', async () => {
  const issues = await issuesOf(
    poolYaml('a').replace('services: [RTCSRV, RTCMEDSRV]', 'services: [RTCSRV, rtcsrv]'),
  );
  assert.is(issues.length, 1);
  assert.is(issues[0]!.code, 'duplicate-service');
  assert.is(where(issues[0]!), '9:22');
  assert.match(issues[0]!.message, /`rtcsrv` is listed twice \(also as `RTCSRV`\)/);
});

test('item 23: overrides and sessions counters match services whatever the case, spelt as declared', async () => {
  const pool = await poolOf(
    poolYaml('a', 'fe01.x:\n      mode: draining\n      services:\n        rtcmedsrv: active')
      .replace(
        'driver: simulated',
        "driver: windows\n    sessions:\n      rtcsrv: '\\LS:SIP - Peers(*)\\SIP - Connected Clients'",
      )
      .replace('target:', 'target:'),
  );
  assert.equal(pool.servers[0]!.services, [
    { name: 'RTCSRV', mode: 'draining' },
    { name: 'RTCMEDSRV', mode: 'active' },
  ]);
  const target = pool.targets[0]!;
  assert.ok(target.driver === 'windows');
  if (target.driver === 'windows') assert.equal(Object.keys(target.sessions), ['RTCSRV']);
});

test('item 23: an override given twice in different cases is an error', async () => {
  const issues = await issuesOf(
    poolYaml(
      'a',
      'fe01.x:\n      mode: draining\n      services:\n        RTCSRV: active\n        rtcsrv: draining',
    ),
  );
  assert.is(issues.length, 1);
  assert.is(issues[0]!.code, 'duplicate-service');
  assert.is(where(issues[0]!), '15:9');
});

test('item 23: haproxy server names match pool servers whatever the case, spelt as declared', async () => {
  const pool = await poolOf(
    poolYaml('a').replace(
      'target:\n    driver: simulated',
      'target:\n    - driver: simulated\n    - driver: haproxy\n      socket: /run/h.sock\n      backends: [be]\n      servers:\n        FE01.contoso.com: web1',
    ),
  );
  const balancer = pool.targets.find((t) => t.driver === 'haproxy');
  assert.ok(balancer?.driver === 'haproxy');
  if (balancer?.driver === 'haproxy') assert.is(balancer.servers['fe01.contoso.com'], 'web1');
});

for (const size of [1, 13, 16]) {
  test(`item 24: quorum lync2013 on ${size} servers is refused at the budget`, async () => {
    const servers = Array.from({ length: size }, (_, i) => `fe${i}.x: active`).join('\n    ');
    const issues = await issuesOf(poolYaml('a', servers, '  budget:\n    quorum: lync2013\n'));
    assert.is(issues.length, 1);
    assert.is(where(issues[0]!), '11:5');
    assert.match(issues[0]!.message, /defined for pools of 2 to 12 Front End servers/);
    assert.match(issues[0]!.message, new RegExp(`has ${size} servers?$`));
  });
}

test('item 24: quorum lync2013 on 2 and 12 servers loads', async () => {
  for (const size of [2, 12]) {
    const servers = Array.from({ length: size }, (_, i) => `fe${i}.x: active`).join('\n    ');
    const pool = await poolOf(poolYaml('a', servers, '  budget:\n    quorum: lync2013\n'));
    assert.is(pool.servers.length, size);
  }
});

const never: [string, string, RegExp][] = [
  ['maxUnavailable: 25%', 'fe01.x: active\n    fe02.x: active\n    fe03.x: active', /at least 34%/],
  ['minActive: 3', 'fe01.x: active\n    fe02.x: active\n    fe03.x: active', /minActive 2 or less/],
  [
    'minActive: 90%',
    'fe01.x: active\n    fe02.x: active\n    fe03.x: active',
    /minActive 66% or less/,
  ],
  ['minActive: 1', 'fe01.x: active', /maxUnavailable: 1/],
];
for (const [budget, servers, hint] of never) {
  test(`item 24: a budget that can never drain anything is refused: ${budget}`, async () => {
    const issues = await issuesOf(poolYaml('a', servers, `  budget:\n    ${budget}\n`));
    assert.is(issues.length, 1, JSON.stringify(issues));
    assert.is(issues[0]!.code, 'invalid-value');
    assert.is(where(issues[0]!), '11:5');
    assert.match(issues[0]!.message, /can never drain a server of this pool/);
    assert.match(issues[0]!.hint ?? '', hint);
  });
}

test('item 24: the smallest budgets that can drain load', async () => {
  const three = 'fe01.x: active\n    fe02.x: active\n    fe03.x: active';
  for (const budget of ['maxUnavailable: 34%', 'minActive: 2', 'minActive: 66%']) {
    await poolOf(poolYaml('a', three, `  budget:\n    ${budget}\n`));
  }
});

test('item 16: names that are Object.prototype members load as plain names', async () => {
  const pool = await poolOf(
    poolYaml(
      'constructor',
      'constructor: active\n    toString: draining\n    hasOwnProperty:\n      mode: draining\n      services:\n        RTCSRV: active\n    valueOf:\n      mode: active\n      services:\n        __proto__: draining',
    ).replace(
      'services: [RTCSRV, RTCMEDSRV]',
      'services: [__proto__, constructor, toString, RTCSRV]',
    ),
  );
  assert.is(pool.name, 'constructor');
  const modes = pool.servers.map((s) => [s.name, s.services.map((u) => `${u.name}=${u.mode}`)]);
  assert.equal(modes, [
    ['constructor', ['__proto__=active', 'constructor=active', 'toString=active', 'RTCSRV=active']],
    [
      'toString',
      ['__proto__=draining', 'constructor=draining', 'toString=draining', 'RTCSRV=draining'],
    ],
    [
      'hasOwnProperty',
      ['__proto__=draining', 'constructor=draining', 'toString=draining', 'RTCSRV=active'],
    ],
    ['valueOf', ['__proto__=draining', 'constructor=active', 'toString=active', 'RTCSRV=active']],
  ]);
});

test('item 16: a haproxy map entry `constructor` must still name a pool server', async () => {
  const issues = await issuesOf(
    poolYaml('a').replace(
      'target:\n    driver: simulated',
      'target:\n    - driver: simulated\n    - driver: haproxy\n      socket: /run/h.sock\n      backends: [be]\n      servers:\n        constructor: web1',
    ),
  );
  assert.is(issues.length, 1);
  assert.match(issues[0]!.message, /`constructor` in the haproxy servers map is not a server/);
});

test.run();
