// Four `quiesce watch` processes sharing a fleet's pools through PostgreSQL: the first round (all pools owned,
// the steps done), each watcher's share, CPU and peak RSS, the takeover after kill -9 of one, and the audit's
// proof that no pool was stepped by two watchers at once.
import pg from 'pg';
import type { StateStore } from '../reconciler/state/store.ts';
import { overlappingSteps, stepSpans } from '../test/helpers/checks/step-overlap.ts';
import { exited, processCost, startQuiesce, until } from './live-process.ts';

/** Runs the four watchers on `desired` (state dir `stateDir`, store `url`), prints the figures. */
export async function watchFigures(
  desired: string,
  stateDir: string,
  url: string,
  store: StateStore,
  pools: number,
  env: Record<string, string>,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const count = () =>
    client.query('select count(*)::int as n from quiesce_audit').then(
      (r) => r.rows[0].n as number,
      () => 0,
    );
  const owners = async () => {
    const got = await store.owners();
    return got.isOk() ? got.value : [];
  };
  const argv = ['watch', desired, '--state-dir', stateDir, '--state', url];
  const started = Date.now();
  const watchers = [0, 1, 2, 3].map(() =>
    startQuiesce([...argv, '--interval', '1h', '--concurrency', '64'], env),
  );
  const pids = watchers.map((w) => w.pid as number);
  // The round: every pool owned, then no new step for 5 s.
  let steps = -1;
  let quietSince = Date.now();
  let lastStep = Date.now();
  await until(
    async () => {
      const n = await count();
      if (n !== steps) [steps, quietSince, lastStep] = [n, Date.now(), Date.now()];
      return (await owners()).length === pools && n > 0 && Date.now() - quietSince >= 5_000;
    },
    600_000,
    'the first round',
    250,
  );
  const held = await owners();
  const shares = pids.map((pid) => held.filter((o) => o.watcher.pid === pid).length);
  const costs = pids.map((pid) => processCost(pid));
  const figures = [
    `first round: ${steps} steps, the last ${((lastStep - started) / 1000).toFixed(1)} s after the 4 processes started; pools per watcher ${shares.join(', ')} (of ${held.length} owned)`,
    `per watcher: ${costs.map((c) => `${c.cpuS.toFixed(1)} CPU-s, ${c.peakMb.toFixed(0)} MB`).join('; ')}`,
  ];
  const doomed = watchers[0] as (typeof watchers)[number];
  const doomedPools = shares[0] ?? 0;
  const total = held.length;
  doomed.kill('SIGKILL');
  const killed = Date.now();
  await exited(doomed);
  await until(
    async () => {
      const now = await owners();
      return now.length === total && now.every((o) => o.watcher.pid !== doomed.pid);
    },
    60_000,
    'the takeover',
    100,
  );
  const takeover = Date.now() - killed;
  const after = await owners();
  figures.push(
    `kill -9 of a watcher with ${doomedPools} pools: all taken over in ${(takeover / 1000).toFixed(1)} s (target < 15 s); pools per survivor ${pids
      .slice(1)
      .map((pid) => after.filter((o) => o.watcher.pid === pid).length)
      .join(', ')}`,
  );
  await new Promise((r) => setTimeout(r, 3_000));
  for (const w of watchers.slice(1)) w.kill('SIGTERM');
  await Promise.all(watchers.map(exited));
  const audit = await store.queryAudit({});
  const spans = stepSpans(audit.isOk() ? audit.value : []);
  figures.push(
    `exclusivity: ${spans.length} audited steps, ${overlappingSteps(spans).length} overlapping steps of two watchers on one pool`,
  );
  await client.end();
  console.log(
    `  watch, 4 watchers through PostgreSQL:\n${figures.map((f) => `    ${f}`).join('\n')}`,
  );
}
