import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadIssue } from '../../reconciler/errors.ts';
import { loadDesiredState } from '../../reconciler/load/index.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';

const SERVERS =
  'fe01.contoso.com: active\n    fe02.contoso.com: active\n    fe03.contoso.com: draining';

/** A pool file with `extra` spliced into spec (two-space indented YAML); its line numbers start at 1. */
const file = (extra: string, target = '    driver: simulated\n') =>
  poolYaml('fe-east', SERVERS, extra).replace('    driver: simulated\n', target);

async function load(extra: string, target?: string) {
  const dir = tempTree({ 'pool.yaml': file(extra, target) });
  const result = await loadDesiredState([dir]);
  return { result, dir };
}

async function issues(extra: string, target?: string): Promise<LoadIssue[]> {
  const { result, dir } = await load(extra, target);
  assert.ok(result.isErr(), 'expected the desired state to be refused');
  return result.isErr()
    ? result.error.map((i) => ({ ...i, file: i.file.slice(dir.length + 1) }))
    : [];
}

/** The one issue, at line:column, whose message contains `part`. */
async function oneIssue(extra: string, part: string, target?: string) {
  const found = await issues(extra, target);
  assert.is(found.length, 1, JSON.stringify(found, null, 1));
  assert.ok(found[0]!.message.includes(part), found[0]!.message);
  return found[0]!;
}

const MAINTENANCE = `  maintenance:
    id: CHG0042
    servers: all
    run: [/opt/ops/patch-and-reboot.sh, "{server}"]
    timeout: 90m
    settle: 20m
    gates: [lync2013-readiness, {command: [/opt/ops/check, "{server}"]}]
  windows:
    - kind: allow
      schedule: "0 22 * * *"
      duration: 6h
      timezone: europe/berlin
`;

test("the issue's example loads: servers in declaration order, draining ones kept for the planner, defaults filled", async () => {
  const { result } = await load(MAINTENANCE);
  assert.ok(result.isOk(), JSON.stringify(result.isErr() && result.error));
  const pool = result._unsafeUnwrap().pools[0]!;
  assert.equal(pool.maintenance, {
    id: 'CHG0042',
    servers: ['fe01.contoso.com', 'fe02.contoso.com', 'fe03.contoso.com'],
    run: ['/opt/ops/patch-and-reboot.sh', '{server}'],
    timeoutMs: 90 * 60_000,
    settleMs: 20 * 60_000,
    gates: [
      { kind: 'lync2013-readiness' },
      { kind: 'command', argv: ['/opt/ops/check', '{server}'] },
    ],
  });
  // The zone is spelt canonically.
  assert.equal(pool.windows, [
    { kind: 'allow', schedule: '0 22 * * *', durationMs: 6 * 3_600_000, timezone: 'Europe/Berlin' },
  ]);
});

test('a server list is put in declaration order and names servers in any case; defaults: 1h timeout, no settle, no gates', async () => {
  const { result } = await load(
    '  maintenance:\n    id: X1\n    servers: [FE02.contoso.com, fe01.contoso.com]\n    run: [/bin/true]\n',
  );
  assert.ok(result.isOk());
  const pool = result._unsafeUnwrap().pools[0]!;
  assert.equal(pool.maintenance?.servers, ['fe01.contoso.com', 'fe02.contoso.com']);
  assert.equal(pool.maintenance?.timeoutMs, 3_600_000);
  assert.equal(pool.maintenance?.settleMs, 0);
  assert.equal(pool.maintenance?.gates, []);
  assert.equal(pool.windows, []);
});

test('a pool without maintenance or windows has none', async () => {
  const { result } = await load('');
  const pool = result._unsafeUnwrap().pools[0]!;
  assert.is(pool.maintenance, null);
  assert.equal(pool.windows, []);
});

const window = (schedule: string, duration = '6h', timezone = 'Europe/Berlin', kind = 'allow') =>
  `  windows:\n    - kind: ${kind}\n      schedule: "${schedule}"\n      duration: ${duration}\n      timezone: ${timezone}\n`;

// In the file, `windows:` is on line 10, so a window's schedule is on line 12 and duration on 13.
test('a bad cron expression is refused at its position, with what is wrong', async () => {
  const four = await oneIssue(window('0 22 * *'), 'has 4 fields; a cron schedule has five');
  assert.equal([four.line, four.column, four.code], [12, 17, 'invalid-value']);
  await oneIssue(
    window('61 22 * * *'),
    'not a valid cron expression: Invalid value for minute: 61',
  );
  await oneIssue(window('0 22 * * * *'), 'has 6 fields');
  await oneIssue(window('@daily'), 'has 1 field;');
  await oneIssue(window('0 ? * * *'), 'uses `?`');
});

test('an unknown time zone is refused, with the closest known one', async () => {
  const issue = await oneIssue(
    window('0 22 * * *', '6h', 'Europe/Berlinn'),
    'is not an IANA time zone',
  );
  assert.equal([issue.line, issue.column], [14, 17]);
  assert.is(issue.hint, 'did you mean `Europe/Berlin`?');
  await oneIssue(window('0 22 * * *', '6h', 'CEST'), '`CEST` is not an IANA time zone');
});

test('a zero or over-7-day window duration is refused', async () => {
  const zero = await oneIssue(
    window('0 22 * * *', '0h'),
    'must be longer than zero and at most 7d',
  );
  assert.equal([zero.line, zero.column], [13, 17]);
  await oneIssue(window('0 22 * * *', '7d1m'), 'at most 7d');
  const { result } = await load(window('0 22 * * 6', '7d'));
  assert.ok(result.isOk());
});

test('maintenance.servers naming a server not in the pool is refused, with did-you-mean', async () => {
  const issue = await oneIssue(
    '  maintenance:\n    id: X1\n    servers: [fe01.contoso.com, fe04.contoso.com]\n    run: [/bin/true]\n',
    '`fe04.contoso.com` in maintenance.servers is not a server of pool `fe-east`',
  );
  assert.equal([issue.line, issue.column], [12, 33]);
  assert.match(issue.hint ?? '', /did you mean `fe0[123]\.contoso\.com`\?/);
  await oneIssue(
    '  maintenance:\n    id: X1\n    servers: [fe01.contoso.com, FE01.contoso.com]\n    run: [/bin/true]\n',
    'is given twice',
  );
});

test('an empty run, an empty argument, or servers that are neither all nor a list are refused', async () => {
  const empty = await oneIssue(
    '  maintenance:\n    id: X1\n    servers: all\n    run: []\n',
    'run',
  );
  assert.equal([empty.line, empty.code], [13, 'schema']);
  await oneIssue('  maintenance:\n    id: X1\n    servers: all\n    run: [""]\n', 'run[0]');
  await oneIssue(
    '  maintenance:\n    id: X1\n    servers: some\n    run: [/bin/true]\n',
    'expected all',
  );
  await oneIssue('  maintenance:\n    id: X1\n    servers: all\n', 'run');
});

test('a zero hook timeout is refused; settle 0s means none', async () => {
  await oneIssue(
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    timeout: 0m\n',
    'hook timeout `0m` must be longer than zero',
  );
  const { result } = await load(
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    settle: 0s\n',
  );
  assert.is(result._unsafeUnwrap().pools[0]!.maintenance?.settleMs, 0);
});

test('an empty argument and an unquoted number for a duration come with a hint saying what to write', async () => {
  const empty = await oneIssue(
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true, ""]\n',
    '"" (empty text) is not a valid program argument for spec.maintenance.run[1]',
  );
  assert.is(
    empty.hint,
    'write a program argument between the quotes, or remove the item from the list',
  );
  const timeout = await oneIssue(
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    timeout: 0\n',
    'spec.maintenance.timeout must be text, not a whole number',
  );
  assert.is(
    timeout.hint,
    'write it with its unit, such as 90s, 30m, 2h or 1d: a bare number has none',
  );
  const duration = await oneIssue(
    window('0 22 * * *', '0'),
    'spec.windows[0].duration must be text',
  );
  assert.is(duration.hint, timeout.hint);
  // Other text fields: quote the number.
  const id = await oneIssue(
    '  maintenance:\n    id: 42\n    servers: all\n    run: [/bin/true]\n',
    'spec.maintenance.id must be text',
  );
  assert.match(id.hint ?? '', /^put it in quotes \("42"\) to make it text: a round id/);
});

test('settle longer than an allow window is refused at settle', async () => {
  const issue = await oneIssue(
    `  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    settle: 3h\n${window('0 22 * * *', '2h')}`,
    'settle `3h` is longer than allow window 1 (2h)',
  );
  assert.equal([issue.line, issue.column], [14, 13]);
  // A deny window's length does not matter.
  const { result } = await load(
    `  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    settle: 3h\n${window('0 22 * * *', '2h', 'UTC', 'deny')}`,
  );
  assert.ok(result.isOk());
});

test('a lync2013-readiness gate needs a driver that can run it: not windows via sc', async () => {
  const gate =
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    gates: [lync2013-readiness]\n';
  const sc = '    driver: windows\n    via: sc\n';
  const issue = await oneIssue(gate, 'gate lync2013-readiness needs a driver', sc);
  assert.ok(issue.message.includes('windows via sc'));
  for (const ok of ['    driver: windows\n    via: ssh\n', '    driver: windows\n    via: cim\n']) {
    const { result } = await load(gate, ok);
    assert.ok(result.isOk(), JSON.stringify(result.isErr() && result.error));
  }
  // A command gate runs on the machine running quiesce: any driver.
  const { result } = await load(
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    gates: [{command: [/bin/true]}]\n',
    sc,
  );
  assert.ok(result.isOk());
  await oneIssue(
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    gates: [readiness]\n',
    'expected one of lync2013-readiness, lync-fabric',
  );
});

test('unknown fields in maintenance and windows are refused (nothing is applied on bad input)', async () => {
  await oneIssue(
    '  maintenance:\n    id: X1\n    servers: all\n    run: [/bin/true]\n    setle: 20m\n',
    'unknown field `setle`',
  );
  await oneIssue(`${window('0 22 * * *')}      tz: UTC\n`, 'unknown field `tz`');
});

test.run();
