// A revision id for a desired state read from a directory: a digest of its files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** `dir@sha256:<12 hex>` over the files' names and bytes, so a plan names exactly what it reflects. */
export function directoryRevision(path: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return `${path}@sha256:${hash.digest('hex').slice(0, 12)}`;
}
