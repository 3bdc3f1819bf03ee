// A round cut off by the CI job's timeout resumes on the next run, from the store: the GitHub Actions example's
// apply step, run on a fresh clone each time against one PostgreSQL store, stopped with SIGTERM (what a runner
// sends at timeout-minutes) while a hook runs, then run again as the next night's job.
import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hookLog, round, roundYaml } from '../helpers/builders/maintenance-pool.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { git } from '../helpers/harnesses/git-repo.ts';
import { PG_PASSWORD, postgresCluster } from '../helpers/harnesses/postgres.ts';

const bin = resolve('bin/quiesce.js');

/** The example's apply command as argv for this checkout's CLI (`npx quiesce` → bin/quiesce.js). */
function applyStep(): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: the workflow is read freely
  const workflow = load(readFileSync('examples/ci/github-actions.yml', 'utf8')) as any;
  const line: string = workflow.jobs.apply.steps.at(-1).run;
  const words = line.split(/\s+/);
  assert.equal(words.slice(0, 3), ['npx', 'quiesce', 'apply']);
  return [bin, ...words.slice(2)];
}

/** A fresh clone of the fleet repository; the servers (the simulated world) are the same servers as before. */
function runner(world: string): string {
  const dir = tempTree({ 'desired-state/p.yaml': roundYaml({ servers: 3 }) });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'patch night');
  cpSync(join(world, 'simulated'), join(dir, '.quiesce', 'simulated'), { recursive: true });
  return dir;
}

/** Runs the apply step in `dir`; `stopWhen` (polled) sends SIGTERM, as the runner does at the job's timeout. */
function job(dir: string, env: Record<string, string>, stopWhen?: () => boolean) {
  const child = spawn(process.execPath, applyStep(), {
    cwd: dir,
    env: { ...process.env, ...env, HOOK_STATE_DIR: join(dir, '.quiesce') },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const timer =
    stopWhen === undefined
      ? null
      : setInterval(() => {
          if (stopWhen()) {
            child.kill('SIGTERM');
            if (timer !== null) clearInterval(timer);
          }
        }, 50);
  return new Promise<{ code: number | null; out: string }>((done) =>
    child.on('close', (code) => {
      if (timer !== null) clearInterval(timer);
      done({ code, out });
    }),
  );
}

test('cut off by the job timeout mid-round, the next run of the example finishes the round from the store', async () => {
  const r = round({ servers: 3 });
  const url = await (await postgresCluster()).freshDatabase();
  const env = {
    ...r.env,
    HOOK_MS: '700',
    QUIESCE_STATE: url.replace(`:${encodeURIComponent(PG_PASSWORD)}@`, '@'),
    PGPASSWORD: PG_PASSWORD,
  };
  const first = runner(r.state);
  // Stopped while fe02.x's hook runs: fe01.x is done, fe02.x drained.
  const cut = await job(first, env, () =>
    hookLog(r.log).some(([what, server]) => what === 'start' && server === 'fe02.x'),
  );
  assert.is(cut.code, 1, cut.out);
  assert.not.match(cut.out, /done, 3 of 3 done/);
  // The next night: a fresh clone on the same servers.
  const next = runner(join(first, '.quiesce'));
  const resumed = await job(next, env);
  assert.is(resumed.code, 0, resumed.out);
  assert.match(resumed.out, /maintenance p CHG0042: done, 3 of 3 done/);
  // fe01.x was not patched again: its round record (in the store) carried over.
  const ends = hookLog(r.log)
    .filter(([what]) => what === 'end')
    .map(([, s]) => s);
  assert.is(ends.filter((s) => s === 'fe01.x').length, 1, JSON.stringify(ends));
  for (const server of r.servers) assert.ok(ends.includes(server), JSON.stringify(ends));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const done = (
      await client.query(
        "select record->>'server' as server from quiesce_audit where record->>'action' = 'record-done'",
      )
    ).rows.map((row) => row.server);
    assert.equal(done.sort(), r.servers);
  } finally {
    await client.end();
  }
});

test.run();
