// The CLI as one CommonJS file (esbuild, every npm package inside): what bin/quiesce.js runs and the executables embed.

import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { projectRoot } from '../reconciler/paths.ts';

/**
 * Optional modules the dependencies try (debug: supports-color; pg: pg-native) and quiesce does not ship: they
 * fail as a missing module does, inside the bundle (a require() of them from it would warn or find a stray copy).
 */
const absentModules: Plugin = {
  name: 'absent-optional-modules',
  setup(b) {
    b.onResolve({ filter: /^(supports-color|pg-native)$/ }, (args) => ({
      path: args.path,
      namespace: 'absent',
    }));
    b.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({
      contents: `throw Object.assign(new Error("Cannot find module '${args.path}'"), { code: 'MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};

/**
 * Bundles reconciler/cli/bin.ts (no top-level await) into `outfile`. `import.meta.url` is the bundle's own
 * file URL (reconciler/paths.ts finds the project from it); `plugins` come before the bundle's own.
 */
export async function bundleCli(
  outfile: string,
  options: { plugins?: Plugin[]; sourcemap?: boolean } = {},
): Promise<void> {
  await build({
    entryPoints: [join(projectRoot, 'reconciler', 'cli', 'bin.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    define: { 'import.meta.url': '__quiesceBundleUrl' },
    banner: { js: 'var __quiesceBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    sourcemap: options.sourcemap ? 'linked' : false,
    logLevel: 'warning',
    plugins: [...(options.plugins ?? []), absentModules],
  });
}
