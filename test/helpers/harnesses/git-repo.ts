// Real git repositories for tests: a bare remote and a work clone that commits and pushes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempTree } from '../builders/temp-tree.ts';

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ann Operator',
  GIT_AUTHOR_EMAIL: 'ann@example.com',
  GIT_COMMITTER_NAME: 'Ann Operator',
  GIT_COMMITTER_EMAIL: 'ann@example.com',
};

/** Runs git with arguments (no shell) in `cwd`; returns stdout trimmed. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A bare remote with a `main` branch, and a clone to commit from. */
export function gitRemote(files: Record<string, string>): {
  remote: string;
  work: string;
  commit(files: Record<string, string>, subject: string): string;
  forcePush(files: Record<string, string>, subject: string): string;
} {
  const root = tempTree({});
  const remote = join(root, 'fleet.git');
  const work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  git(root, 'init', '--quiet', '--initial-branch=main', work);
  git(work, 'remote', 'add', 'origin', remote);
  const write = (changes: Record<string, string>) => {
    for (const [path, text] of Object.entries(changes)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    }
    git(work, 'add', '--all');
  };
  const commit = (changes: Record<string, string>, subject: string) => {
    write(changes);
    git(work, 'commit', '--quiet', '-m', subject);
    git(work, 'push', '--quiet', 'origin', 'main');
    return git(work, 'rev-parse', 'HEAD');
  };
  commit(files, 'initial fleet');
  return {
    remote,
    work,
    commit,
    forcePush(changes, subject) {
      write(changes);
      git(work, 'commit', '--quiet', '--amend', '-m', subject);
      git(work, 'push', '--quiet', '--force', 'origin', 'main');
      return git(work, 'rev-parse', 'HEAD');
    },
  };
}
