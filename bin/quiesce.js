#!/usr/bin/env node
// quiesce's one entry point: runs dist/bundle/quiesce.cjs (built by `npm ci` (prepare) or `npm run build`) with
// V8's code cache beside it, so start-up skips compiling the bundle (20–35 ms a run). The cache is this platform's
// and Node version's (one made elsewhere may crash V8: nodejs.org/api/single-executable-applications.html);
// when there is none, or V8 rejects it, the bundle is compiled as any script is.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';

const bundle = join(import.meta.dirname, '..', 'dist', 'bundle', 'quiesce.cjs');
const cache = `${bundle}.${process.platform}-${process.arch}-${process.version}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cache);
} catch {
  // no cache (a build that could not make one): compile
}
let text;
try {
  text = readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write(`quiesce: ${bundle} is missing: run \`npm run build\` (npm ci runs it)\n`);
  process.exit(1);
}
// The CommonJS wrapper on the bundle's first line, so its line numbers stay its own.
const source = `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
const script = new Script(source, {
  filename: bundle,
  cachedData,
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
// `npm run build` runs the CLI once with this set: the functions that run compiled, it writes their cache.
if (process.env.QUIESCE_MAKE_CODE_CACHE === '1')
  process.once('exit', () => {
    writeFileSync(`${cache}.tmp`, script.createCachedData());
    renameSync(`${cache}.tmp`, cache);
  });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
