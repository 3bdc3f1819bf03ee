// --concurrency is checked once for apply, watch, plan and status: a whole number from 1 to 1024, else exit
// 64; plan and status read that many servers at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

for (const command of ['apply', 'watch', 'plan', 'status'])
  test(`${command}: --concurrency outside 1..1024 is a usage error that changes nothing`, async () => {
    const tree = tempTree({ 'p.yaml': poolYaml('p') });
    const state = tempTree();
    for (const value of ['0', '1025', '2.5', 'many']) {
      const out = await runCli([command, tree, '--state-dir', state, '--concurrency', value]);
      assert.is(out.code, 64, `${command} --concurrency ${value}`);
      assert.match(
        out.stderr,
        `--concurrency must be a whole number from 1 to 1024 (got '${value}')`,
      );
      assert.is(out.stdout, '');
    }
  });

for (const command of ['plan', 'status'])
  test(`${command} reads --concurrency servers at once: 1 at a time takes every call's latency in turn`, async () => {
    // 12 servers, 100 ms per call: one at a time is at least 1.2 s; 12 at once is one call's wait.
    const names = Array.from({ length: 12 }, (_, i) => `fe${i}.x`);
    const service = { status: 'Running', startType: 'Automatic', canPause: true, sessions: 0 };
    const server = {
      fault: null,
      latencyMs: 100,
      services: { RTCSRV: service, RTCMEDSRV: service },
    };
    const tree = tempTree({
      'p.yaml': poolYaml('p', names.map((n) => `${n}: active`).join('\n    ')),
    });
    const state = tempTree({
      'simulated/p.json': JSON.stringify({
        servers: Object.fromEntries(names.map((n) => [n, server])),
      }),
    });
    const timed = async (concurrency: string) => {
      const started = performance.now();
      const out = await runCli([command, tree, '--state-dir', state, '--concurrency', concurrency]);
      assert.is(out.code, 0, out.stderr);
      return performance.now() - started;
    };
    const serial = await timed('1');
    const parallel = await timed('12');
    assert.ok(serial >= 1_200, `one at a time: ${serial.toFixed(0)} ms`);
    assert.ok(
      parallel < serial / 2,
      `12 at once: ${parallel.toFixed(0)} ms vs ${serial.toFixed(0)} ms`,
    );
  });

test.run();
