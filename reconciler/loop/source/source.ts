// Where a revision of the desired state comes from: a folder, or a git repository.
import { isAbsolute, relative, sep } from 'node:path';
import type { LoadIssue, SourceError } from '../../errors.ts';
import { findFiles, loadDesiredState } from '../../load/index.ts';
import type { DesiredState, Revision } from '../../model.ts';
import { gitHead, revisionOf } from './directory-revision.ts';
import { GitSource, type GitSourceOptions } from './git-source.ts';

/** One read of a source: a valid revision, an invalid one with its issues, or the source failing. */
export type SourceRead =
  | { kind: 'valid'; desired: DesiredState; revision: Revision }
  | { kind: 'invalid'; revision: Revision; issues: LoadIssue[] }
  | { kind: 'unavailable'; error: SourceError; retryInMs: number };

/** Something that yields the current desired state on demand. */
export interface DesiredSource {
  readonly describe: string;
  /** Folder to watch for file events, or null (git sources are polled). */
  readonly watchPath: string | null;
  read(): Promise<SourceRead>;
}

/** Issues with paths under `root` named relative to it (`desired-state/fe.yaml`), in messages too. */
function relativeTo(root: string, issues: LoadIssue[]): LoadIssue[] {
  const prefix = `${root}${sep}`;
  const name = (text: string) => text.replaceAll(prefix, '');
  return issues.map((issue) => ({
    ...issue,
    file:
      isAbsolute(issue.file) || issue.file.startsWith(prefix)
        ? relative(root, issue.file)
        : issue.file,
    message: name(issue.message),
    hint: issue.hint === null ? null : name(issue.hint),
  }));
}

async function loadAt(
  dir: string,
  revision: (files: readonly string[]) => Promise<Revision>,
  root: string | null = null,
): Promise<SourceRead> {
  const loaded = await loadDesiredState([dir]);
  if (loaded.isErr())
    return {
      kind: 'invalid',
      revision: await revision(findFiles([dir]).files),
      issues: root === null ? loaded.error : relativeTo(root, loaded.error),
    };
  return { kind: 'valid', desired: loaded.value, revision: await revision(loaded.value.files) };
}

/** A folder; its revision is HEAD(+dirty) inside a git work tree, else a digest. */
export function directorySource(path: string): DesiredSource {
  return {
    describe: path,
    watchPath: path,
    read: () => {
      // Git is asked while the files are read and checked.
      const head = gitHead(path);
      return loadAt(path, async (files) => revisionOf(path, files, await head));
    },
  };
}

/** A git repository, fetched on every read; failures back off exponentially (up to 5 minutes). */
export function gitSource(
  options: GitSourceOptions,
  now: () => number = Date.now,
  baseBackoffMs = 1000,
): DesiredSource {
  const git = new GitSource(options);
  let failures = 0;
  let nextAttempt = 0;
  let lastError: SourceError | null = null;
  return {
    describe: git.display,
    watchPath: null,
    async read() {
      if (lastError !== null && now() < nextAttempt)
        return { kind: 'unavailable', error: lastError, retryInMs: nextAttempt - now() };
      const checkout = await git.sync();
      if (checkout.isErr()) {
        failures++;
        lastError = checkout.error;
        const delay = Math.min(300_000, baseBackoffMs * 2 ** (failures - 1));
        nextAttempt = now() + delay;
        return { kind: 'unavailable', error: checkout.error, retryInMs: delay };
      }
      failures = 0;
      lastError = null;
      return loadAt(checkout.value.dir, async () => checkout.value.revision, git.dir);
    },
  };
}
