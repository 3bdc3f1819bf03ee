// The CI job URL comes from each CI's own variables.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ciJobUrl } from '../../reconciler/cli/ci-job.ts';

test('GitHub Actions, GitLab, Jenkins, Azure, none', () => {
  assert.is(
    ciJobUrl({
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'ops/fleet',
      GITHUB_RUN_ID: '42',
    }),
    'https://github.com/ops/fleet/actions/runs/42',
  );
  assert.is(
    ciJobUrl({ CI_JOB_URL: 'https://gitlab.example.com/ops/fleet/-/jobs/7' }),
    'https://gitlab.example.com/ops/fleet/-/jobs/7',
  );
  assert.is(ciJobUrl({ BUILD_URL: 'https://jenkins/job/x/3/' }), 'https://jenkins/job/x/3/');
  assert.is(
    ciJobUrl({
      SYSTEM_COLLECTIONURI: 'https://dev.azure.com/org/',
      SYSTEM_TEAMPROJECT: 'ops',
      BUILD_BUILDID: '9',
    }),
    'https://dev.azure.com/org/ops/_build/results?buildId=9',
  );
  assert.is(ciJobUrl({}), null);
});

test.run();
