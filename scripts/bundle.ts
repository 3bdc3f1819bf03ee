// `npm run build`'s second half: esbuild bundles the CLI (reconciler/cli/bin.ts) into dist/bundle/ (ESM, one chunk
// per command, npm packages left as imports), so a command loads a few files instead of hundreds (start-up).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../reconciler/paths.ts';

const outdir = join(projectRoot, 'dist', 'bundle');
// Chunks are named by their content: an earlier build's would stay beside the new ones.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(projectRoot, 'reconciler', 'cli', 'bin.ts')],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outdir,
  sourcemap: 'linked',
  logLevel: 'warning',
});
