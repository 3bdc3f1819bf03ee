// A real haproxy on loopback in front of small real TCP servers, started and stopped by the test.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { tempTree } from '../builders/temp-tree.ts';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a real haproxy is installed (CI installs Debian's). */
export const haveHaproxy = () => spawnSync('haproxy', ['-v']).status === 0;

/** A TCP server that greets each connection with its name and echoes what it receives. */
export async function backendServer(
  name: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.write(`${name}\n`);
    socket.on('data', (data) => socket.write(data));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A client connection through haproxy: which server answered, and a way to talk and hang up. */
export async function connect(
  port: number,
): Promise<{ server: string; echo(text: string): Promise<string>; close(): void }> {
  const socket = createConnection({ host: '127.0.0.1', port });
  let buffer = '';
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk) => {
    buffer += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  const line = async (): Promise<string> => {
    while (!buffer.includes('\n')) await new Promise<void>((resolve) => waiters.push(resolve));
    const at = buffer.indexOf('\n');
    const text = buffer.slice(0, at);
    buffer = buffer.slice(at + 1);
    return text;
  };
  const server = await line();
  return {
    server,
    async echo(text) {
      socket.write(`${text}\n`);
      return line();
    },
    close: () => socket.end(),
  };
}

/** A running haproxy with an admin socket, a user-level socket, and `be_web` (or `backends`) over the given servers. */
export async function startHaproxy(
  servers: Record<string, number>,
  options: { check?: boolean; backends?: string[] } = {},
) {
  const dir = tempTree({});
  const front = await freePort();
  const admin = join(dir, 'admin.sock');
  const user = join(dir, 'user.sock');
  const check = options.check === false ? '' : ' check inter 100ms fall 1 rise 1';
  const backends = options.backends ?? ['be_web'];
  const config = `global
  stats socket ${admin} mode 600 level admin
  stats socket ${user} mode 600 level user
defaults
  mode tcp
  timeout connect 1s
  timeout client 30s
  timeout server 30s
frontend fe
  bind 127.0.0.1:${front}
  default_backend ${backends[0]}
${backends
  .map(
    (backend) => `backend ${backend}
  balance roundrobin
${Object.entries(servers)
  .map(([name, port]) => `  server ${name} 127.0.0.1:${port}${check}`)
  .join('\n')}
`,
  )
  .join('')}`;
  writeFileSync(join(dir, 'haproxy.cfg'), config);
  const child: ChildProcess = spawn('haproxy', ['-f', join(dir, 'haproxy.cfg'), '-db'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 5000;
  while (!existsSync(admin)) {
    if (Date.now() > deadline) throw new Error('haproxy did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 300)); // first health checks
  return {
    front,
    admin,
    user,
    dir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
