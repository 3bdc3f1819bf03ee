// The revision of a desired-state folder: HEAD (+dirty) inside a git work tree, else a digest of its files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { simpleGit } from 'simple-git';
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

/**
 * `HEAD@sha1:<sha>`, or `HEAD@sha1:<sha>+dirty:<12 hex>` when the folder has uncommitted changes (the digest of
 * its files, so each edit is a revision of its own; no author, subject `uncommitted edits`), or the digest
 * outside git.
 */
export async function directoryRevision(path: string, files: readonly string[]): Promise<Revision> {
  try {
    const git = simpleGit({ baseDir: path });
    if ((await git.revparse(['--is-inside-work-tree'])).trim() !== 'true')
      return digestRevision(path, files);
    const sha = (await git.revparse(['HEAD'])).trim();
    const dirty = (await git.raw(['status', '--porcelain', '--', '.'])).trim() !== '';
    const [author = '', subject = ''] = (
      await git.raw(['log', '-1', '--format=%an <%ae>%x00%s', 'HEAD'])
    )
      .trim()
      .split('\0');
    // Uncommitted edits are nobody's commit: credited as such, never to HEAD's author and subject.
    if (dirty)
      return {
        id: `HEAD@sha1:${sha}+dirty:${fileDigest(files)}`,
        author: null,
        subject: 'uncommitted edits',
      };
    return { id: `HEAD@sha1:${sha}`, author, subject };
  } catch {
    return digestRevision(path, files);
  }
}
