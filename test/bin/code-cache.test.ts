// bin/quiesce.js runs dist/bundle/quiesce.cjs from the code cache `npm run build` made beside it (scripts/bundle.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { load } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot } from '../../reconciler/paths.ts';
import { CACHE_FLEET, CACHE_NAME, cacheRunEnv } from '../../scripts/code-cache.ts';

const bundle = join(projectRoot, 'dist', 'bundle', 'quiesce.cjs');
const wrapped = (text: string) =>
  `(function (exports, require, module, __filename, __dirname) {${text}\n})`;

test('the build leaves a code cache this Node accepts for this bundle', () => {
  const script = new Script(wrapped(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData: readFileSync(join(projectRoot, 'dist', 'bundle', CACHE_NAME)),
  });
  assert.is(script.cachedDataRejected, false, 'made by npm run build from this very bundle');
});

test('a cache that does not fit the bundle (or none) is not used: the CLI runs as before', () => {
  // A copy of bin/ and dist/bundle/ beside package.json and schemas/ (the project's files the CLI reads).
  const root = mkdtempSync(join(tmpdir(), 'quiesce-code-cache-'));
  try {
    cpSync(join(projectRoot, 'bin'), join(root, 'bin'), { recursive: true });
    cpSync(join(projectRoot, 'schemas'), join(root, 'schemas'), { recursive: true });
    copyFileSync(join(projectRoot, 'package.json'), join(root, 'package.json'));
    cpSync(join(projectRoot, 'dist', 'bundle'), join(root, 'dist', 'bundle'), { recursive: true });
    const cli = join(root, 'bin', 'quiesce.js');
    const version = () => spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    writeFileSync(join(root, 'dist', 'bundle', CACHE_NAME), 'not a code cache');
    const stale = version();
    assert.is(stale.status, 0, stale.stderr);
    assert.match(stale.stdout, /^quiesce \d+\.\d+\.\d+/);
    rmSync(join(root, 'dist', 'bundle', CACHE_NAME));
    const none = version();
    assert.is(none.status, 0, none.stderr);
    assert.is(none.stdout, stale.stdout);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the build's run applies a simulated fleet of its own, never desired-state/, with no QUIESCE_ variable", () => {
  const pool = load(CACHE_FLEET) as { spec: { target: { driver: string } } };
  assert.is(pool.spec.target.driver, 'simulated', 'nothing real is drained by a build');
  const env = cacheRunEnv({
    PATH: '/usr/bin',
    QUIESCE_STATE: 'postgres://quiesce@db.example/quiesce',
    quiesce_state_dir: '/srv/shared',
  });
  assert.equal(env, {
    PATH: '/usr/bin',
    QUIESCE_MAKE_CODE_CACHE: '1',
    QUIESCE_SIM_SESSION_SECONDS: '100000',
  });
});

test('without a build, the CLI says to run one (one line, exit 1, no stack trace)', () => {
  const root = mkdtempSync(join(tmpdir(), 'quiesce-no-build-'));
  try {
    cpSync(join(projectRoot, 'bin'), join(root, 'bin'), { recursive: true });
    const run = spawnSync(process.execPath, [join(root, 'bin', 'quiesce.js'), '--version'], {
      encoding: 'utf8',
    });
    assert.is(run.status, 1);
    assert.match(
      run.stderr,
      /^quiesce: .*quiesce\.cjs is missing: run `npm run build` \(npm ci runs it\)\n$/,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
