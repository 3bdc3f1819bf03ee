// A drain past drain.timeout is Stalled for every driver: HAProxy reports no start time of its own,
// so the drain record in the store supplies it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { backendServer, connect, haveHaproxy, startHaproxy } from '../helpers/harnesses/haproxy.ts';

if (!haveHaproxy()) throw new Error("haproxy is not installed: .ci/run installs Debian's haproxy");

test('an HAProxy drain with a session still open is Stalled after drain.timeout', async () => {
  const fe01 = await backendServer('fe01');
  const fe02 = await backendServer('fe02');
  const haproxy = await startHaproxy({ fe01: fe01.port, fe02: fe02.port });
  try {
    const open = await Promise.all(Array.from({ length: 4 }, () => connect(haproxy.front)));
    const tree = tempTree({
      'web.yaml': `apiVersion: quiesce/v1
kind: Pool
metadata: {name: web}
spec:
  target:
    - driver: simulated
    - driver: haproxy
      socket: ${haproxy.admin}
      backends: [be_web]
      servers: {fe01.x: fe01, fe02.x: fe02}
  loadBalancing: hardware
  services: [RTCSRV]
  drain: {timeout: 1s}
  servers:
    fe01.x: draining
    fe02.x: active
`,
    });
    const state = tempTree({});
    const env = { QUIESCE_SIM_SESSION_SECONDS: '0.05' };
    assert.is((await runCli(['apply', tree, '--state-dir', state], env)).code, 0);
    const health = async () => {
      const out = await runCli(['status', tree, '--state-dir', state, '--output', 'json'], env);
      const lb = JSON.parse(out.stdout).pools[0].servers[0].services[0];
      return `${lb.name} ${lb.health}`;
    };
    assert.is(await health(), 'haproxy:be_web Draining');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    assert.is(await health(), 'haproxy:be_web Stalled');
    for (const c of open) c.close();
  } finally {
    await haproxy.stop();
    await fe01.close();
    await fe02.close();
  }
});

test.run();
