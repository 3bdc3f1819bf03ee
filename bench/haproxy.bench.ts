// HAProxy benchmark: observe every server of one backend of 500 servers through a real haproxy.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHaproxyDriver } from '../reconciler/drivers/haproxy/index.ts';
import { median } from './stats.ts';

const SERVERS = 500;
const dir = mkdtempSync(join(tmpdir(), 'quiesce-bench-haproxy-'));
const socket = join(dir, 'admin.sock');
const names = Array.from({ length: SERVERS }, (_, i) => `srv${i}`);
writeFileSync(
  join(dir, 'haproxy.cfg'),
  `global
  stats socket ${socket} mode 600 level admin
defaults
  mode tcp
  timeout connect 1s
  timeout client 30s
  timeout server 30s
backend be_big
${names.map((n, i) => `  server ${n} 127.0.0.1:${20000 + i}`).join('\n')}
`,
);
const child = spawn('haproxy', ['-f', join(dir, 'haproxy.cfg'), '-db'], { stdio: 'ignore' });
while (!existsSync(socket)) await new Promise((resolve) => setTimeout(resolve, 20));

const target = { driver: 'haproxy' as const, socket, backends: ['be_big'], servers: {} };
const runs: number[] = [];
const single: number[] = [];
for (let i = 0; i < 22; i++) {
  const driver = createHaproxyDriver(target, { snapshotMs: 10_000 });
  let started = performance.now();
  await Promise.all(names.map((n) => driver.observe(n, ['haproxy:be_big'])));
  if (i >= 2) runs.push(performance.now() - started);
  const fresh = createHaproxyDriver(target, { snapshotMs: 0 });
  started = performance.now();
  await fresh.observe(names[0] as string, ['haproxy:be_big']);
  if (i >= 2) single.push(performance.now() - started);
}
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
console.log('haproxy benchmark (real haproxy 2.6 on a unix socket; median of 20)');
console.log(
  `  one backend call (show servers state + show stat, ${SERVERS} servers): ${median(single).toFixed(1)} ms`,
);
console.log(
  `  observe all ${SERVERS} servers of the backend: ${median(runs).toFixed(1)} ms (target < 50 ms; 1 runtime call)`,
);
