// The revision of a desired-state folder: HEAD (+dirty) inside a git work tree, else a digest of its files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { simpleGit } from 'simple-git';
import type { Revision } from '../../model.ts';

/** `dir@sha256:<12 hex>` over the files' names and bytes. */
export function digestRevision(path: string, files: readonly string[]): Revision {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return { id: `${path}@sha256:${hash.digest('hex').slice(0, 12)}`, author: null, subject: null };
}

/** `HEAD@sha1:<sha>` (with `+dirty` when the folder has uncommitted changes), or the digest outside git. */
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
    return { id: `HEAD@sha1:${sha}${dirty ? '+dirty' : ''}`, author, subject };
  } catch {
    return digestRevision(path, files);
  }
}
