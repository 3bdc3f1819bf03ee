// Runs the shipped CI examples' commands, in order, against a temporary repository.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { git } from '../helpers/git-repo.ts';
import { tempTree } from '../helpers/temp-tree.ts';

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

const env = { QUIESCE_SIM_SESSION_SECONDS: '0.05', NO_COLOR: '1' };

test('GitHub Actions example: pull request checks, then apply on main', () => {
  const workflow = load(readFileSync('examples/ci/github-actions.yml', 'utf8')) as {
    jobs: Record<string, { steps: { run?: string }[]; concurrency?: { group: string } }>;
  };
  assert.is(workflow.jobs.apply?.concurrency?.group, 'quiesce-apply');
  const repo = fleetRepository();
  const summary = join(repo, 'summary.md');
  for (const job of ['check', 'apply']) {
    for (const step of workflow.jobs[job]?.steps ?? []) {
      if (step.run === undefined) continue;
      const result = run(step.run, repo, { ...env, GITHUB_STEP_SUMMARY: summary });
      assert.is(
        result.status,
        0,
        `${step.run}\n${result.stdout}${'stderr' in result ? result.stderr : ''}`,
      );
    }
  }
  const markdown = readFileSync(summary, 'utf8');
  assert.match(
    markdown,
    /### quiesce plan for `HEAD@sha1:[0-9a-f]{40} \(Ann Operator <ann@example\.com>: fleet\)`/,
  );
  assert.match(markdown, /\| fe-east \| fe02\.contoso\.com \| RTCSRV \| pause/);
  const audit = readFileSync(join(repo, '.quiesce', 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(audit.length > 0 && audit.every((l) => l.outcome === 'ok'));
});

test('GitLab CI example: merge request checks, then apply on the default branch', () => {
  const pipeline = load(readFileSync('examples/ci/gitlab-ci.yml', 'utf8')) as Record<
    string,
    { script?: string[]; resource_group?: string }
  >;
  assert.is(pipeline.apply?.resource_group, 'quiesce-apply');
  const repo = fleetRepository();
  for (const job of ['check', 'apply']) {
    for (const line of pipeline[job]?.script ?? []) {
      const result = run(line, repo, env);
      assert.is(result.status, 0, `${line}\n${result.stdout}`);
    }
  }
  assert.match(readFileSync(join(repo, 'plan.md'), 'utf8'), /\*\*8\*\* to change/);
});

test.run();
