// Checks the state dir before anything uses it: a missing one is fine (apply creates it), a file is not.
import { statSync } from 'node:fs';
import { fsErrorMessage } from './fs-error.ts';

/** Why `stateDir` cannot serve as the state dir (one line), or null when it can (or does not exist yet). */
export function stateDirProblem(stateDir: string): string | null {
  try {
    if (statSync(stateDir).isDirectory()) return null;
    return `cannot use ${stateDir} as the state dir: it is a file, not a directory; pick another --state-dir`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return fsErrorMessage('use the state dir', stateDir, error);
  }
}
