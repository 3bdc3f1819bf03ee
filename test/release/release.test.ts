// The one-file executables and the npm package: `npm run package` builds release/quiesce-linux-x64 and
// release/quiesce-win-x64.exe with their SHA-256 sums; the Linux one runs with an empty PATH (no Node.js), the
// Windows one under Wine; `npm pack` installs globally into a temporary prefix and answers --version.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { load } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { packageRelease, satisfiesEngines, TARGETS } from '../../scripts/package.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
/** What --version prints for a build of the commit checked out now (read when the build starts). */
const versionNow = () =>
  `quiesce ${pkg.version} (commit ${execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim()})\n`;
/** --version of the executables `npm run package` built in this run. */
let VERSION = '';

/** Wine on PATH; throws when there is none, so no test passes without it. */
function requireWine(): string {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'wine'))
    .find((path) => existsSync(path));
  if (found === undefined)
    throw new Error('wine is not installed: apt-get install wine64 wine (.ci/run does)');
  return found;
}

/** A copy of the example fleet in a temp folder (the executables run there, their state beside it). */
function exampleFleet(): string {
  const dir = tempTree({});
  cpSync('desired-state', join(dir, 'ds'), { recursive: true });
  return dir;
}

test('satisfiesEngines: the release Node version must meet engines.node', () => {
  assert.ok(satisfiesEngines(pkg.config.releaseNode, pkg.engines.node));
  assert.ok(satisfiesEngines('20.20.2', '>=20.19'));
  assert.not.ok(satisfiesEngines('20.18.9', '>=20.19'));
  assert.throws(() => satisfiesEngines('20.20.2', '^20'), /expected >=x\.y\.z/);
});

test('npm run package: both executables and SHA256SUMS that match them', async () => {
  VERSION = versionNow();
  const written = await packageRelease();
  assert.equal(
    written.map((path) => path.split(/[\\/]/).pop()),
    ['quiesce-linux-x64', 'quiesce-win-x64.exe', 'SHA256SUMS'],
  );
  const sums = readFileSync('release/SHA256SUMS', 'utf8').trim().split('\n');
  for (const line of sums) {
    const [hash, name] = line.split('  ') as [string, string];
    const actual = createHash('sha256')
      .update(readFileSync(join('release', name)))
      .digest('hex');
    assert.is(actual, hash, name);
  }
});

test('the Linux executable runs with an empty PATH: --version names version and commit; apply --wait on the example fleet', () => {
  const dir = exampleFleet();
  const exe = join(process.cwd(), 'release', 'quiesce-linux-x64');
  const env = { PATH: '', HOME: dir, NO_COLOR: '1' };
  const version = spawnSync(exe, ['--version'], { cwd: dir, env, encoding: 'utf8' });
  assert.is(version.stdout, VERSION, version.stderr);
  const applied = spawnSync(exe, ['apply', '--wait', '--timeout', '1m', 'ds'], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  assert.is(applied.status, 0, applied.stdout + applied.stderr);
  assert.match(applied.stdout, /All drains finished/);
  assert.is(applied.stderr, '', 'no warning (no require() of a module outside the bundle)');
});

test('the Windows executable under Wine: --version, validate, apply --wait on the example fleet', () => {
  const wine = requireWine();
  const dir = exampleFleet();
  const exe = join(process.cwd(), 'release', 'quiesce-win-x64.exe');
  // Wine is not Windows: Node 20 refuses Wine's default Windows version unless told to skip its check
  // (NODE_SKIP_PLATFORM_CHECK), and a pipe as stdout gives EBADF there, so stdout and stderr are files.
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    WINEPREFIX: join(dir, 'wine'),
    WINEDEBUG: '-all',
    NODE_SKIP_PLATFORM_CHECK: '1',
    NO_COLOR: '1',
  };
  const run = (args: string[]) => {
    const [out, err] = [join(dir, 'out.txt'), join(dir, 'err.txt')];
    const fds = [openSync(out, 'w'), openSync(err, 'w')] as const;
    const done = spawnSync(wine, [exe, ...args], {
      cwd: dir,
      env,
      stdio: ['ignore', fds[0], fds[1]],
      timeout: 240_000,
    });
    for (const fd of fds) closeSync(fd);
    return {
      status: done.status,
      stdout: readFileSync(out, 'utf8'),
      stderr: readFileSync(err, 'utf8'),
    };
  };
  const version = run(['--version']);
  assert.is(version.stdout, VERSION, version.stderr);
  const valid = run(['validate', 'ds']);
  assert.is(valid.status, 0, valid.stdout + valid.stderr);
  assert.match(valid.stdout, /valid: 3 pools, 10 servers/);
  const applied = run(['apply', '--wait', '--timeout', '2m', 'ds']);
  assert.is(applied.status, 0, applied.stdout + applied.stderr);
  assert.match(applied.stdout, /All drains finished/);
});

test('npm pack → npm install -g into a temporary prefix → quiesce --version', () => {
  const dir = tempTree({});
  const npm = (args: string[], cwd = process.cwd()) =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const version = versionNow();
  npm(['pack', '--silent', '--pack-destination', dir]);
  const tgz = readdirSync(dir).find((name) => /^quiesce-.*\.tgz$/.test(name));
  assert.ok(tgz, 'npm pack wrote quiesce-*.tgz');
  assert.not.ok(existsSync('COMMIT'), 'postpack removed COMMIT');
  const prefix = join(dir, 'prefix');
  npm(['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(dir, tgz!)], dir);
  const bin = join(prefix, process.platform === 'win32' ? 'quiesce.cmd' : join('bin', 'quiesce'));
  assert.is(execFileSync(bin, ['--version'], { encoding: 'utf8' }), version);
  const help = execFileSync(bin, ['doctor', '--help'], { encoding: 'utf8' });
  assert.match(help, /Usage: quiesce doctor/);
});

test('the release workflow example builds with npm run package and attaches both executables and the sums', () => {
  const workflow = load(readFileSync('examples/ci/release.yml', 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: { executables: { steps: { run?: string }[] } };
  };
  assert.equal(workflow.on.push.tags, ['v*']);
  const runs = workflow.jobs.executables.steps.flatMap((step) =>
    step.run === undefined ? [] : [step.run],
  );
  assert.ok(runs.includes('npm run package'));
  const attach = runs.find((line) => line.startsWith('gh release create')) ?? '';
  for (const name of [...TARGETS.map((t) => t.out), 'SHA256SUMS'])
    assert.ok(attach.includes(`release/${name}`), name);
});

test.run();
