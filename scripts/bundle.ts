// `npm run build`'s second half: the CLI as one CommonJS file, dist/bundle/quiesce.cjs (scripts/cli-bundle.ts),
// and V8's code cache of it, made by running it once (bin/quiesce.js loads both: start-up skips compiling).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../reconciler/paths.ts';
import { bundleCli } from './cli-bundle.ts';

const outdir = join(projectRoot, 'dist', 'bundle');
// An earlier build's files (its code cache above all) must not stay beside the new bundle.
rmSync(outdir, { recursive: true, force: true });
await bundleCli(join(outdir, 'quiesce.cjs'), { sourcemap: true });

// The cache holds the functions a run compiled: an apply of the example fleet (desired-state/) in a state dir
// of its own compiles what every command shares (loading, planning, the stores, the reports) and apply's steps.
const stateDir = mkdtempSync(join(tmpdir(), 'quiesce-code-cache-'));
const run = spawnSync(
  process.execPath,
  [
    join(projectRoot, 'bin', 'quiesce.js'),
    'apply',
    join(projectRoot, 'desired-state'),
    '--state-dir',
    stateDir,
    '--output',
    'json',
  ],
  {
    env: { ...process.env, QUIESCE_MAKE_CODE_CACHE: '1', QUIESCE_SIM_SESSION_SECONDS: '100000' },
    encoding: 'utf8',
  },
);
rmSync(stateDir, { recursive: true, force: true });
const cache = join(
  outdir,
  `quiesce.cjs.${process.platform}-${process.arch}-${process.version}.cache`, // as bin/quiesce.js names it
);
// An exit code other than 0 (a plan error in the example, say) still leaves a cache; none is a failed build.
if (!existsSync(cache)) {
  process.stderr.write(
    `npm run build: making the code cache failed (exit ${run.status}): ${run.stderr}\n`,
  );
  process.exit(1);
}
