// `npm run build`'s second half: the CLI as one CommonJS file, dist/bundle/quiesce.cjs (scripts/cli-bundle.ts),
// and V8's code cache of it (scripts/code-cache.ts; bin/quiesce.js loads both: start-up skips compiling).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../reconciler/paths.ts';
import { bundleCli } from './cli-bundle.ts';
import { makeCodeCache } from './code-cache.ts';

const outdir = join(projectRoot, 'dist', 'bundle');
// An earlier build's files (its code cache above all) must not stay beside the new bundle.
rmSync(outdir, { recursive: true, force: true });
await bundleCli(join(outdir, 'quiesce.cjs'), { sourcemap: true });
const failed = makeCodeCache(outdir);
if (failed !== null) {
  process.stderr.write(`npm run build: ${failed}\n`);
  process.exit(1);
}
