// Where quiesce's own files live, whether run from source (tsx) or from dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schemas', 'pool.schema.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('quiesce: schemas/pool.schema.json not found above the code');
    dir = parent;
  }
  return dir;
}

/** The directory holding package.json and schemas/. */
export const projectRoot = findProjectRoot();

/** The published Pool JSON Schema. */
export const poolSchemaPath = join(projectRoot, 'schemas', 'pool.schema.json');

/**
 * The text of one of quiesce's own files (`package.json`, `schemas/…`, `COMMIT`) by its path under the project
 * root, or null when there is none. The single-file executable's bundle replaces this module with one holding
 * the files (scripts/package.ts), so nothing is read from disk next to it.
 */
export function ownText(relative: string): string | null {
  const path = join(projectRoot, relative);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
