// The CI examples are linted (actionlint for GitHub Actions; GitLab's keywords checked) and fit a maintenance
// night: a scheduled trigger, job timeouts longer than --timeout plus --lock-timeout, the plan kept on failure,
// runs that never overlap, a read-only role for pull requests.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintExamples, lintGitlab, lintWorkflow } from '../../scripts/ci-examples/lint.ts';

const github = readFileSync('examples/ci/github-actions.yml', 'utf8');
const gitlab = readFileSync('examples/ci/gitlab-ci.yml', 'utf8');

test('both examples lint clean', async () => {
  assert.equal(await lintExamples('.'), []);
});

test('the linters catch a mistake in each file', async () => {
  const typo = github.replace('timeout-minutes: 170', 'timeout-minute: 170');
  const found = await lintWorkflow(typo, 'w.yml');
  assert.ok(
    found.some((p) => /timeout-minute/.test(p.message)),
    JSON.stringify(found),
  );
  const label = await lintWorkflow(
    github.replace('[self-hosted, quiesce]', '[self-hosted, quiesc]'),
    'w.yml',
  );
  assert.ok(label.some((p) => /label "quiesc" is unknown/.test(p.message)));
  const lost = lintGitlab(gitlab.replace('when: always', 'when: allways'), 'g.yml');
  assert.match(lost[0]?.message ?? '', /artifacts:when allways is not one of/);
  assert.match(
    lintGitlab(gitlab.replace('resource_group:', 'resource-group:'), 'g.yml')[0]?.message ?? '',
    /unknown keyword resource-group/,
  );
  assert.match(
    lintGitlab(gitlab.replace('timeout: 2h 50m', 'timeout: soon'), 'g.yml')[0]?.message ?? '',
    /timeout soon/,
  );
});

/** Minutes of `2h 50m`, `15m`. */
const minutes = (text: string) =>
  [...text.matchAll(/(\d+)\s*(h|m)/g)].reduce(
    (n, [, v, u]) => n + Number(v) * (u === 'h' ? 60 : 1),
    0,
  );

test('GitHub Actions: nightly schedule, a job timeout above --timeout + --lock-timeout, one apply at a time, read-only PR role', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the workflow is read freely
  const w = load(github) as any;
  assert.equal(w.on.schedule, [{ cron: '55 20 * * *' }]);
  assert.ok('workflow_dispatch' in w.on);
  const apply = w.jobs.apply;
  assert.is(apply.if, "github.event_name != 'pull_request'");
  assert.ok(
    apply['timeout-minutes'] > 120 + 30,
    'job timeout longer than --timeout 2h + --lock-timeout 30m',
  );
  assert.equal(apply.concurrency, { group: 'quiesce-apply', 'cancel-in-progress': false });
  assert.match(apply.steps.at(-1).run, /--timeout 2h --lock-timeout 30m/);
  // GitHub's expression syntax, not a template string.
  assert.is(w.jobs.check.env.QUIESCE_STATE, ['$', '{{ secrets.QUIESCE_STATE_READONLY }}'].join(''));
});

test('GitLab: scheduled pipelines apply, plan.md kept when the job fails, a timeout that fits, a read-only MR role', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the pipeline is read freely
  const p = load(gitlab) as any;
  assert.equal(p.check.artifacts.when, 'always');
  assert.ok(minutes(p.apply.timeout) > 120 + 30 && minutes(p.apply.timeout) > 60);
  assert.ok(
    p.apply.rules.some((r: { if: string }) => r.if === '$CI_PIPELINE_SOURCE == "schedule"'),
  );
  assert.is(p.apply.resource_group, 'quiesce-apply');
  assert.match(p.check.script.join('\n'), /--state "\$QUIESCE_STATE_READONLY"/);
});

test.run();
