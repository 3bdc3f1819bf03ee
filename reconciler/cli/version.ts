// quiesce's version, from package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';

/** The version string printed by --version. */
export const version: string = JSON.parse(
  readFileSync(join(projectRoot, 'package.json'), 'utf8'),
).version;
