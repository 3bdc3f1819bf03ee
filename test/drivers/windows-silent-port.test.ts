// A windows target whose ssh port accepts and then says nothing (a firewall that swallows, a hung sshd): one
// command takes about `connectTimeout`, not a multiple of it (ssh's connect timeout is never retried at once).
import { createServer, type Socket } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sshFailure } from '../../reconciler/drivers/windows/ssh.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

/** A TCP listener on 127.0.0.1 that accepts and never writes a byte (no SSH banner). */
async function silentPort() {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => {});
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const connections = () => sockets.length;
  const stop = () => {
    for (const s of sockets) s.destroy();
    return new Promise((resolve) => server.close(resolve));
  };
  return { port, connections, stop };
}

test('ssh that times out connecting is Unreachable and not retried within the command', () => {
  const failure = sshFailure(255, 'Connection timed out during banner exchange\n', 'fe01');
  assert.is(failure?.kind, 'Unreachable');
  assert.is(failure?.transient, false);
  // A refused connection fails at once: still retried (a restarting sshd comes back in seconds).
  assert.is(
    sshFailure(255, 'connect to host fe01 port 22: Connection refused', 'fe01')?.transient,
    true,
  );
});

test('status on a silent port with connectTimeout 2s: one connection, about 2 s, Unreachable timed out', async () => {
  const silent = await silentPort();
  try {
    const tree = tempTree({
      'fe.yaml': `apiVersion: quiesce/v1
kind: Pool
metadata: {name: fe}
spec:
  target:
    driver: windows
    via: ssh
    port: ${silent.port}
    connectTimeout: 2s
  loadBalancing: dns
  services: [RTCSRV]
  servers:
    127.0.0.1: active
`,
    });
    const started = performance.now();
    const out = await runCli(['status', tree, '--state-dir', tempTree({}), '-o', 'json']);
    const seconds = (performance.now() - started) / 1000;
    assert.is(out.code, 1, 'a server that cannot be read: exit 1');
    const error = JSON.parse(out.stdout).pools[0].servers[0].error;
    assert.is(error.kind, 'Unreachable');
    assert.match(error.message, /ssh to 127\.0\.0\.1: connection timed out/);
    assert.is(silent.connections(), 1, 'one ssh connection, not one per retry');
    assert.ok(seconds >= 1.9 && seconds < 4.5, `took ${seconds.toFixed(1)} s, want about 2 s`);
  } finally {
    await silent.stop();
  }
});

test.run();
