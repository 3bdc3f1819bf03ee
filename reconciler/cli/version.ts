// quiesce's version, from package.json, and the commit it was built from (COMMIT, written by a release build).
import { ownText } from '../paths.ts';

/** The commit of a packaged build (`npm pack`, the single-file executables); null when run from a checkout. */
const commit: string | null = ownText('COMMIT')?.trim() || null;

/** The version string printed by --version: `0.1.0`, or `0.1.0 (commit 1a2b3c4d5e6f)`. */
export const version: string = `${JSON.parse(ownText('package.json') ?? '{}').version}${commit === null ? '' : ` (commit ${commit})`}`;
