// Watch benchmark: file save → first step, and git commit → first step with --interval 1s (median of 20 each).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../reconciler/cli/index.ts';
import { median } from './stats.ts';

const ROUNDS = 20;
const servers = Array.from({ length: ROUNDS }, (_, i) => `srv${String(i).padStart(2, '0')}.bench`);

function pool(draining: number): string {
  const lines = servers.map((s, i) => `    ${s}: ${i < draining ? 'draining' : 'active'}`);
  return `apiVersion: quiesce/v1
kind: Pool
metadata: {name: bench}
spec:
  target: {driver: simulated}
  loadBalancing: dns
  services: [RTCSRV]
  budget: {maxUnavailable: 100%}
  servers:
${lines.join('\n')}
`;
}

const auditHas = (state: string, server: string) =>
  existsSync(join(state, 'audit.jsonl')) &&
  readFileSync(join(state, 'audit.jsonl'), 'utf8').includes(`"server":"${server}"`);

function start(argv: string[]) {
  const controller = new AbortController();
  const quiet = { write: () => true, isTTY: false };
  const done = main(argv, { stdout: quiet, stderr: quiet, env: {} }, controller.signal);
  return async () => {
    controller.abort();
    await done;
  };
}

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 2));
}

async function measure(
  label: string,
  setup: (dir: string) => { argv: string[]; change: (round: number) => void },
) {
  const dir = mkdtempSync(join(tmpdir(), 'quiesce-bench-watch-'));
  const state = join(dir, 'state');
  const { argv, change } = setup(dir);
  const stop = start([...argv, '--state-dir', state]);
  await waitFor(() => existsSync(join(state, 'status.json')));
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    change(round);
    await waitFor(() => auditHas(state, servers[round] as string));
    latencies.push(performance.now() - started);
  }
  await stop();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${label}: median ${median(latencies).toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (${ROUNDS} rounds)`,
  );
}

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'b@x',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'b@x',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env, stdio: 'ignore' });

console.log('watch benchmark (this 2-core machine)');
await measure('file save → first step (target < 500 ms)', (dir) => {
  mkdirSync(join(dir, 'ds'));
  writeFileSync(join(dir, 'ds', 'pool.yaml'), pool(0));
  return {
    argv: ['watch', join(dir, 'ds'), '--interval', '1h'],
    change: (round) => writeFileSync(join(dir, 'ds', 'pool.yaml'), pool(round + 1)),
  };
});
await measure('commit → first step, --interval 1s (target < 1.5 s)', (dir) => {
  const remote = join(dir, 'fleet.git');
  const work = join(dir, 'work');
  git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(dir, 'init', '--quiet', '--initial-branch=main', work);
  git(work, 'remote', 'add', 'origin', remote);
  mkdirSync(join(work, 'desired-state'));
  const commit = (draining: number) => {
    writeFileSync(join(work, 'desired-state', 'pool.yaml'), pool(draining));
    git(work, 'add', '--all');
    git(work, 'commit', '--quiet', '-m', `drain ${draining}`);
    git(work, 'push', '--quiet', 'origin', 'main');
  };
  commit(0);
  return {
    argv: ['watch', '--git', remote, '--interval', '1s'],
    change: (round) => commit(round + 1),
  };
});
