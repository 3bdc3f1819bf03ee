// Makes V8's code cache of the CLI bundle: one apply of a simulated fleet of its own, in a state dir of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../reconciler/paths.ts';

/**
 * The fleet the build applies: the simulated driver only, never the operator's desired-state/ (a build must
 * not drain a real server, take a lock or write a shared store).
 */
export const CACHE_FLEET = `apiVersion: quiesce/v1
kind: Pool
metadata:
  name: code-cache
spec:
  target:
    driver: simulated
  loadBalancing: dns
  services: [RTCSRV, RTCCAA]
  budget:
    maxUnavailable: 1
  drain:
    timeout: 2h
  servers:
    s1.code-cache.invalid: active
    s2.code-cache.invalid:
      mode: draining
      reason: the build's code cache
    s3.code-cache.invalid: active
`;

/** The cache of this platform and Node version, as bin/quiesce.js names it (one made elsewhere may crash V8). */
export const CACHE_NAME = `quiesce.cjs.${process.platform}-${process.arch}-${process.version}.cache`;

/** The build's environment for that run: no QUIESCE_ variable of the operator's (QUIESCE_STATE names a store). */
export function cacheRunEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.toUpperCase().startsWith('QUIESCE_')),
  );
  return { ...kept, QUIESCE_MAKE_CODE_CACHE: '1', QUIESCE_SIM_SESSION_SECONDS: '100000' };
}

/** Runs bin/quiesce.js once so it writes the cache beside the bundle in `outdir`; null, or why there is none. */
export function makeCodeCache(outdir: string): string | null {
  const scratch = mkdtempSync(join(tmpdir(), 'quiesce-code-cache-'));
  try {
    const stateDir = join(scratch, 'state');
    writeFileSync(join(scratch, 'fleet.yaml'), CACHE_FLEET);
    const run = spawnSync(
      process.execPath,
      [
        join(projectRoot, 'bin', 'quiesce.js'),
        'apply',
        join(scratch, 'fleet.yaml'),
        '--state-dir',
        stateDir,
        '--output',
        'json',
      ],
      { cwd: scratch, env: cacheRunEnv(process.env), encoding: 'utf8' },
    );
    const cache = join(outdir, CACHE_NAME);
    // An exit code other than 0 still leaves a cache; none is a failed build.
    return existsSync(cache) ? null : `no code cache was made (exit ${run.status}): ${run.stderr}`;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
