// Who is running quiesce: host, pid, command, and the CI job's URL from the CI's own variables.
import { hostname, userInfo } from 'node:os';
import type { Actor } from '../actor.ts';
import type { Io } from './io.ts';

/** The running CI job's URL (GitHub Actions, GitLab, Jenkins, Azure Pipelines, CircleCI, Buildkite), or null. */
export function ciJobUrl(env: Io['env']): string | null {
  if (env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY)
    return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  if (env.CI_JOB_URL) return env.CI_JOB_URL;
  if (env.BUILD_URL) return env.BUILD_URL;
  if (env.SYSTEM_COLLECTIONURI && env.SYSTEM_TEAMPROJECT && env.BUILD_BUILDID)
    return `${env.SYSTEM_COLLECTIONURI}${env.SYSTEM_TEAMPROJECT}/_build/results?buildId=${env.BUILD_BUILDID}`;
  return env.CIRCLE_BUILD_URL || env.BUILDKITE_BUILD_URL || null;
}

/** This process as an Actor for `command`. */
export function actorFor(command: string, env: Io['env']): Actor {
  return {
    host: hostname(),
    pid: process.pid,
    command,
    ciJobUrl: ciJobUrl(env),
    user: userOf(env),
  };
}

/** The user quiesce runs as: USER or USERNAME (Windows), else the account's name. */
function userOf(env: Io['env']): string | null {
  if (env.USER) return env.USER;
  if (env.USERNAME) return env.USERNAME;
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}
