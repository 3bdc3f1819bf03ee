// The revision of a desired-state folder: HEAD (+dirty) inside a git work tree, else a digest of its files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Revision } from '../../model.ts';

/** 12 hex digits of a sha256 over the files' names and bytes. */
function fileDigest(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 12);
}

/** `dir@sha256:<12 hex>` over the files' names and bytes. */
export function digestRevision(path: string, files: readonly string[]): Revision {
  return { id: `${path}@sha256:${fileDigest(files)}`, author: null, subject: null };
}

/** What git says of a folder: HEAD, its author and subject, and whether the folder has uncommitted edits. */
export interface GitHead {
  sha: string;
  author: string;
  subject: string;
  dirty: boolean;
}

/** Whether git could see a work tree at `path`: a `.git` (folder or file) there or above it, found without git. */
function mayBeInGit(path: string): boolean {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/**
 * The folder's HEAD, or null outside a git work tree (or without git). Outside one, git is not run at all; inside,
 * its two questions go side by side (`status` fails outside a work tree), and a source asks them while it reads
 * the files (they are child processes: the parse goes on meanwhile).
 */
export async function gitHead(path: string): Promise<GitHead | null> {
  if (!mayBeInGit(path)) return null;
  try {
    const { simpleGit } = await import('simple-git');
    const git = simpleGit({ baseDir: path });
    const [head, status] = await Promise.all([
      git.raw(['log', '-1', '--format=%H%x00%an <%ae>%x00%s', 'HEAD']),
      git.raw(['status', '--porcelain', '--', '.']),
    ]);
    const [sha = '', author = '', subject = ''] = head.trim().split('\0');
    if (!/^[0-9a-f]{40,64}$/.test(sha)) return null;
    return { sha, author, subject, dirty: status.trim() !== '' };
  } catch {
    return null;
  }
}

/**
 * `HEAD@sha1:<sha>`, or `HEAD@sha1:<sha>+dirty:<12 hex>` when the folder has uncommitted changes (the digest of
 * its files, so each edit is a revision of its own; no author, subject `uncommitted edits`), or the digest
 * outside git.
 */
export function revisionOf(path: string, files: readonly string[], head: GitHead | null): Revision {
  if (head === null) return digestRevision(path, files);
  // Uncommitted edits are nobody's commit: credited as such, never to HEAD's author and subject.
  if (head.dirty)
    return {
      id: `HEAD@sha1:${head.sha}+dirty:${fileDigest(files)}`,
      author: null,
      subject: 'uncommitted edits',
    };
  return { id: `HEAD@sha1:${head.sha}`, author: head.author, subject: head.subject };
}

/** revisionOf with git asked now. */
export async function directoryRevision(path: string, files: readonly string[]): Promise<Revision> {
  return revisionOf(path, files, await gitHead(path));
}
