// drain.method as written: pause (absent), graceful-stop, failover; failover refused under quorum lync2013 and
// with a service overridden away from its server's mode; every method but pause refused on a windows target via
// sc; an unknown method named with the ones there are. Each one positioned error with a hint.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadIssue } from '../../reconciler/errors.ts';
import { loadDesiredState } from '../../reconciler/load/index.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';

async function load(text: string) {
  return loadDesiredState([tempTree({ 'a.yaml': text })]);
}

async function issuesOf(text: string): Promise<LoadIssue[]> {
  const result = await load(text);
  if (result.isOk()) assert.unreachable(`expected issues for\n${text}`);
  return result.isErr() ? result.error : [];
}

const servers = 'fe0.x: active\n    fe1.x: active\n    fe2.x: active';
const method = (name: string, budget = '') => `${budget}  drain:\n    method: ${name}\n`;

test('absent, pause, graceful-stop and failover load; absent is pause (no method on the pool)', async () => {
  const bare = (await load(poolYaml('a', servers)))._unsafeUnwrap().pools[0]!;
  assert.is(bare.drain.method, undefined);
  for (const name of ['pause', 'graceful-stop', 'failover'] as const) {
    const pool = (await load(poolYaml('a', servers, method(name))))._unsafeUnwrap().pools[0]!;
    assert.is(pool.drain.method, name);
  }
  const sfb = await load(
    poolYaml('a', servers, method('failover', '  budget:\n    quorum: sfb2015\n')),
  );
  assert.ok(sfb.isOk(), JSON.stringify(sfb));
});

test('failover under quorum lync2013: refused at the method, with a hint', async () => {
  const issues = await issuesOf(
    poolYaml('a', servers, method('failover', '  budget:\n    quorum: lync2013\n')),
  );
  assert.is(issues.length, 1, JSON.stringify(issues));
  const [issue] = issues;
  assert.is(`${issue!.line}:${issue!.column}`, '13:13');
  assert.match(
    issue!.message,
    /^drain method failover needs Skype for Business Server 2015 or 2019/,
  );
  assert.match(issue!.hint ?? '', /pause or graceful-stop .* sfb2015 \/ sfb2019/);
});

test('failover with one service overridden away from its server: refused at the override', async () => {
  const issues = await issuesOf(
    poolYaml(
      'a',
      'fe0.x:\n      mode: draining\n      services:\n        RTCMEDSRV: active\n    fe1.x: active',
      method('failover'),
    ),
  );
  assert.is(issues.length, 1, JSON.stringify(issues));
  assert.is(`${issues[0]!.line}:${issues[0]!.column}`, '16:9');
  assert.match(issues[0]!.message, /RTCMEDSRV.*fe0\.x.*takes the whole server out/);
  assert.match(issues[0]!.hint ?? '', /graceful-stop/);
});

test('graceful-stop on a windows target via sc: refused at via', async () => {
  const yaml = poolYaml('a', servers, method('graceful-stop')).replace(
    '    driver: simulated',
    '    driver: windows\n    via: sc',
  );
  const issues = await issuesOf(yaml);
  assert.is(issues.length, 1, JSON.stringify(issues));
  assert.is(`${issues[0]!.line}:${issues[0]!.column}`, '8:10');
  assert.match(issues[0]!.message, /drain method graceful-stop runs Lync cmdlets/);
  assert.match(issues[0]!.hint ?? '', /via: ssh or via: cim/);
});

test('onTimeout stop with graceful-stop: refused at onTimeout (a stopping service takes no other control)', async () => {
  const issues = await issuesOf(
    poolYaml(
      'a',
      servers,
      '  drain:\n    timeout: 2h\n    onTimeout: stop\n    method: graceful-stop\n',
    ),
  );
  assert.is(issues.length, 1, JSON.stringify(issues));
  assert.is(`${issues[0]!.line}:${issues[0]!.column}`, '12:16');
  assert.match(issues[0]!.message, /^drain onTimeout stop works with method pause only/);
  assert.match(issues[0]!.hint ?? '', /onTimeout: wait/);
});

test('an unknown method is refused where it is written, naming the ones there are', async () => {
  const issues = await issuesOf(poolYaml('a', servers, method('drain-stop')));
  assert.is(issues.length, 1, JSON.stringify(issues));
  assert.is(`${issues[0]!.line}:${issues[0]!.column}`, '11:13');
  assert.match(`${issues[0]!.message} ${issues[0]!.hint ?? ''}`, /pause.*graceful-stop.*failover/);
});

test.run();
