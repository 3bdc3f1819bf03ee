// Runs the shipped CI examples' commands, in order, against a temporary repository.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { git } from '../helpers/harnesses/git-repo.ts';
import { PG_PASSWORD, postgresCluster } from '../helpers/harnesses/postgres.ts';

const bin = resolve('bin/quiesce.js');

/** Splits a simple command line: words, "quoted words", and a trailing `>> FILE`. No shell is involved. */
function parse(
  line: string,
  env: Record<string, string>,
): { argv: string[]; append: string | null } {
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) =>
    (m[1] ?? m[2] ?? '').replace(/\$(\w+)/g, (_, name) => env[name] ?? ''),
  );
  const at = words.indexOf('>>');
  return at === -1
    ? { argv: words, append: null }
    : { argv: words.slice(0, at), append: words[at + 1] ?? null };
}

/** Runs one step's command in `cwd`; `npx quiesce` is this checkout's CLI, `npm ci` is already done. */
function run(line: string, cwd: string, env: Record<string, string>) {
  const { argv, append } = parse(line, env);
  if (argv[0] === 'npm' && argv[1] === 'ci') return { status: 0, stdout: '' };
  assert.equal(argv.slice(0, 2), ['npx', 'quiesce'], `unexpected command in an example: ${line}`);
  const result = spawnSync(process.execPath, [bin, ...argv.slice(2)], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (append !== null) appendFileSync(resolve(cwd, append), result.stdout);
  return result;
}

function fleetRepository(): string {
  const dir = tempTree({});
  cpSync('desired-state', join(dir, 'desired-state'), { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '--all');
  git(dir, 'commit', '--quiet', '-m', 'fleet');
  return dir;
}

const base = { QUIESCE_SIM_SESSION_SECONDS: '0.05', NO_COLOR: '1' };

/** A fresh PostgreSQL store for one run: the URL without its password (as in a CI secret) and the password. */
async function storeEnv() {
  const url = await (await postgresCluster()).freshDatabase();
  return {
    ...base,
    QUIESCE_STATE: url.replace(`:${encodeURIComponent(PG_PASSWORD)}@`, '@'),
    PGPASSWORD: PG_PASSWORD,
    url,
  };
}

/**
 * A read-only role on the store (as docs/ci.md sets one up, once the schema exists): SELECT on quiesce's tables
 * and nothing else. Its URL, password included (GitLab's QUIESCE_STATE_READONLY), and the URL and password apart.
 */
async function readOnlyRole(url: string) {
  const role = `quiesce_ro_${Math.random().toString(36).slice(2, 10)}`;
  const password = 'ro-Pa55';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create role ${role} login password '${password}'`);
    await client.query(`grant select on all tables in schema public to ${role}`);
  } finally {
    await client.end();
  }
  const bare = url.replace(/\/\/[^@]*@/, `//${role}@`);
  return { bare, password, full: bare.replace(`//${role}@`, `//${role}:${password}@`) };
}

/** Creates the schema with the read-write role (any command that opens the store does; history reads only). */
function createSchema(env: Record<string, string>) {
  const made = spawnSync(process.execPath, [bin, 'history'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  assert.is(made.status, 0, made.stderr);
}

async function auditRows(url: string): Promise<{ outcome: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select record from quiesce_audit')).rows.map((r) => r.record);
  } finally {
    await client.end();
  }
}

test('GitHub Actions example: apply on main, then a pull request planned from the store', async () => {
  const workflow = load(readFileSync('examples/ci/github-actions.yml', 'utf8')) as {
    jobs: Record<string, { steps: { run?: string }[]; concurrency?: { group: string } }>;
  };
  assert.is(workflow.jobs.apply?.concurrency?.group, 'quiesce-apply');
  const { url, ...env } = await storeEnv();
  const summary = join(tempTree({}), 'summary.md');
  let readOnly: Record<string, string> = {};
  // Each job on a fresh runner: a new clone, no files kept between jobs.
  for (const job of ['apply', 'check']) {
    const repo = fleetRepository();
    // The pull request's job has the read-only role only (secrets QUIESCE_STATE_READONLY, PGPASSWORD_READONLY).
    if (job === 'check') {
      const ro = await readOnlyRole(url);
      readOnly = { QUIESCE_STATE: ro.bare, PGPASSWORD: ro.password };
    }
    for (const step of workflow.jobs[job]?.steps ?? []) {
      if (step.run === undefined) continue;
      const result = run(step.run, repo, { ...env, ...readOnly, GITHUB_STEP_SUMMARY: summary });
      assert.is(
        result.status,
        0,
        `${step.run}\n${result.stdout}${'stderr' in result ? result.stderr : ''}`,
      );
    }
  }
  const markdown = readFileSync(summary, 'utf8');
  assert.match(markdown, /^Observations from the state store:\n/);
  assert.match(markdown, /\n {2}fe-east: observed .* ago\) by apply on /);
  assert.match(
    markdown,
    /### quiesce plan for `HEAD@sha1:[0-9a-f]{40} \(Ann Operator <ann@example\.com>: fleet\)`/,
  );
  const audit = await auditRows(url);
  assert.ok(audit.length > 0 && audit.every((l) => l.outcome === 'ok'));
});

test('GitLab CI example: merge request checks before and after an apply on the default branch', async () => {
  const pipeline = load(readFileSync('examples/ci/gitlab-ci.yml', 'utf8')) as Record<
    string,
    { script?: string[]; resource_group?: string }
  >;
  assert.is(pipeline.apply?.resource_group, 'quiesce-apply');
  const { url, ...env } = await storeEnv();
  createSchema(env);
  // Merge requests get a read-only role's URL (password included) in QUIESCE_STATE_READONLY; no QUIESCE_STATE.
  const ro = await readOnlyRole(url);
  const plans: string[] = [];
  for (const job of ['check', 'apply', 'check']) {
    const repo = fleetRepository();
    const jobEnv = job === 'check' ? { ...base, QUIESCE_STATE_READONLY: ro.full } : env;
    for (const line of pipeline[job]?.script ?? []) {
      const result = run(line, repo, jobEnv);
      assert.is(
        result.status,
        job === 'check' && plans.length === 0 && line.includes('plan') ? 1 : 0,
        `${line}\n${result.stdout}`,
      );
    }
    if (job === 'check') plans.push(readFileSync(join(repo, 'plan.md'), 'utf8'));
  }
  assert.match(plans[0] ?? '', /fe-east: never observed/, 'before any apply the store has nothing');
  assert.match(plans[1] ?? '', /\*\*0\*\* to change/, 'after the apply: nothing left to change');
  assert.ok((await auditRows(url)).length > 0);
});

test.run();
