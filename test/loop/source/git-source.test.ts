import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitSource, gitSource, redactText, redactUrl } from '../../../reconciler/loop/index.ts';
import { error, value } from '../../helpers/builders/result.ts';
import { poolYaml, tempTree } from '../../helpers/builders/temp-tree.ts';
import { gitRemote } from '../../helpers/harnesses/git-repo.ts';

const fleet = { 'desired-state/p.yaml': poolYaml('p') };

/** Options for `ref` of the repository at `url`, checked out into a fresh state dir, with this process's env. */
const at = (url: string, ref = 'main') => ({
  url,
  ref,
  path: 'desired-state',
  stateDir: tempTree({}),
  env: process.env,
});

test('sync checks out the ref detached and names the revision with author and subject', async () => {
  const repo = gitRemote(fleet);
  const source = new GitSource(at(repo.remote));
  const first = value(await source.sync());
  const sha = repo.commit(
    {
      'desired-state/p.yaml': poolYaml(
        'p',
        'fe01.contoso.com: draining\n    fe02.contoso.com: active',
      ),
    },
    'Drain fe01 for CHG1',
  );
  const second = value(await source.sync());
  assert.equal(second.revision, {
    id: `main@sha1:${sha}`,
    author: 'Ann Operator <ann@example.com>',
    subject: 'Drain fe01 for CHG1',
  });
  assert.is.not(first.revision.id, second.revision.id);
  assert.match(readFileSync(join(second.dir, 'p.yaml'), 'utf8'), /fe01\.contoso\.com: draining/);
});

test('a force-push (history rewrite) is followed', async () => {
  const repo = gitRemote(fleet);
  const source = new GitSource(at(repo.remote));
  repo.commit({ 'desired-state/p.yaml': poolYaml('p', 'fe01.contoso.com: draining') }, 'wrong');
  await source.sync();
  const sha = repo.forcePush(
    { 'desired-state/p.yaml': poolYaml('p', 'fe02.contoso.com: draining') },
    'rewritten',
  );
  const after = value(await source.sync());
  assert.is(after.revision.id, `main@sha1:${sha}`);
  assert.match(readFileSync(join(after.dir, 'p.yaml'), 'utf8'), /fe02\.contoso\.com: draining/);
});

test('a remote that goes away is Unreachable; when it is back, sync works again', async () => {
  const repo = gitRemote(fleet);
  const source = new GitSource(at(repo.remote));
  await source.sync();
  renameSync(repo.remote, `${repo.remote}.gone`);
  const down = await source.sync();
  assert.is(error(down).kind, 'Unreachable');
  renameSync(`${repo.remote}.gone`, repo.remote);
  assert.ok((await source.sync()).isOk());
});

test('git runs with the environment handed in (not the process environment)', async () => {
  const repo = gitRemote(fleet);
  // `fleet:` names the remote only for a git whose HOME has this .gitconfig.
  const home = tempTree({ '.gitconfig': `[url "${repo.remote}"]\n\tinsteadOf = fleet:\n` });
  const aliased = new GitSource({ ...at('fleet:'), env: { ...process.env, HOME: home } });
  assert.ok((await aliased.sync()).isOk());
  const plain = new GitSource(at('fleet:'));
  assert.ok((await plain.sync()).isErr());
});

test('the GIT_* variables the README lists reach git (deploy keys, askpass, config from the environment)', async () => {
  const repo = gitRemote(fleet);
  // `fleet:` names the remote only through the GIT_CONFIG_COUNT/KEY/VALUE the environment carries.
  const home = tempTree({ 'global.gitconfig': '' });
  const env = {
    ...process.env,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `url.${repo.remote}.insteadOf`,
    GIT_CONFIG_VALUE_0: 'fleet:',
    GIT_CONFIG_GLOBAL: join(home, 'global.gitconfig'),
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
    GIT_ASKPASS: '/bin/false',
  };
  const synced = await new GitSource({ ...at('fleet:'), env }).sync();
  assert.ok(synced.isOk(), synced.isErr() ? synced.error.message : '');
});

test('a ref that does not exist (or was deleted) is RefNotFound', async () => {
  const repo = gitRemote(fleet);
  const source = new GitSource(at(repo.remote, 'release'));
  assert.is(error(await source.sync()).kind, 'RefNotFound');
});

test('URLs are shown without credentials, in errors too', async () => {
  assert.is(
    redactUrl('https://ops:s3cret@git.example.com/ops/fleet.git'),
    'https://git.example.com/ops/fleet.git',
  );
  assert.is(
    redactText("fatal: unable to access 'https://ops:s3cret@127.0.0.1:9/x.git/'"),
    "fatal: unable to access 'https://127.0.0.1:9/x.git/'",
  );
  const source = new GitSource({ ...at('https://ops:s3cret@127.0.0.1:9/x.git'), path: '.' });
  const failure = error(await source.sync());
  assert.not.match(failure.message, /s3cret/);
  assert.not.match(source.display, /s3cret/);
  assert.is(failure.kind, 'Unreachable');
});

test('failures back off exponentially while the last good revision stays usable', async () => {
  const repo = gitRemote(fleet);
  let clock = 0;
  const source = gitSource(at(repo.remote), () => clock, 1000);
  assert.is((await source.read()).kind, 'valid');
  renameSync(repo.remote, `${repo.remote}.gone`);
  const first = await source.read();
  assert.equal(
    [first.kind, first.kind === 'unavailable' && first.retryInMs],
    ['unavailable', 1000],
  );
  renameSync(`${repo.remote}.gone`, repo.remote);
  clock = 500; // still backing off: git is not asked
  assert.is((await source.read()).kind, 'unavailable');
  clock = 1000;
  assert.is((await source.read()).kind, 'valid');
});

test('an invalid commit reads as invalid with positioned issues and its revision', async () => {
  const repo = gitRemote(fleet);
  const source = gitSource(at(repo.remote));
  const sha = repo.commit(
    { 'desired-state/p.yaml': poolYaml('p', 'fe01.contoso.com: drainig') },
    'typo',
  );
  const read = await source.read();
  assert.is(read.kind, 'invalid');
  if (read.kind !== 'invalid') return;
  assert.is(read.revision.id, `main@sha1:${sha}`);
  assert.equal([read.issues[0]!.line, read.issues[0]!.column], [11, 23]);
  // Named as in the repository, never by the internal clone's path.
  assert.is(read.issues[0]!.file, 'desired-state/p.yaml');
});

test.run();
