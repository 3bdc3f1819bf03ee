// Maintenance round timing: 6 servers, 1 s hooks, 2 s settle, maxUnavailable 1, through the real CLI.
// Prints the wall time against the sum of the phases the audit shows (drain, hook, return, settle).
import { spawnSync } from 'node:child_process';
import { allBack, round, roundAudit } from '../test/helpers/builders/maintenance-pool.ts';

const r = round({ servers: 6, budget: 'maxUnavailable: 1', settle: '2s', hookMs: 1000 });
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    'reconciler/cli/bin.ts',
    'apply',
    '--wait',
    '--timeout',
    '5m',
    '--state-dir',
    r.state,
    r.tree,
  ],
  { env: { ...process.env, ...r.env }, encoding: 'utf8' },
);
const wall = Date.now() - started;
if (run.status !== 0 || !allBack(r.state))
  throw new Error(`round failed (${run.status}): ${run.stdout}${run.stderr}`);
type Entry = { action: string; server: string; time: string; durationMs: number };
const audit = roundAudit(r.state) as unknown as Entry[];
const at = (action: string, server: string) =>
  Date.parse(audit.find((e) => e.action === action && e.server === server)?.time ?? '');
const sums = { drain: 0, hook: 0, return: 0, settle: 0 };
r.servers.forEach((server, i) => {
  const hook = audit.find((e) => e.action === 'run-hook' && e.server === server) as Entry;
  const hookEnd = Date.parse(hook.time);
  const hookStart = hookEnd - hook.durationMs;
  sums.drain += hookStart - at('start-drain', server);
  sums.hook += hook.durationMs;
  sums.return += at('record-done', server) - hookEnd;
  const next = r.servers[i + 1];
  if (next !== undefined) sums.settle += at('start-drain', next) - at('record-done', server);
});
const total = Object.values(sums).reduce((a, b) => a + b, 0);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `maintenance round, 6 servers, 1 s hooks, 2 s settle, maxUnavailable 1: wall ${s(wall)} (process start included); ` +
    `phases: drain ${s(sums.drain)}, hook ${s(sums.hook)}, return ${s(sums.return)}, settle ${s(sums.settle)} = ${s(total)}; ` +
    `ideal (hooks + settles only) ${s(6 * 1000 + 5 * 2000)}`,
);
