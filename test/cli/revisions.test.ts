import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { git, gitRemote } from '../helpers/harnesses/git-repo.ts';

test('plan --git reads the remote ref and names the commit', async () => {
  const repo = gitRemote({
    'ops/fleet/p.yaml': poolYaml('p', 'fe01.contoso.com: draining\n    fe02.contoso.com: active'),
  });
  const sha = git(repo.work, 'rev-parse', 'HEAD');
  const out = await runCli([
    'plan',
    '--git',
    repo.remote,
    '--ref',
    'main',
    '--path',
    'ops/fleet',
    '--state-dir',
    tempTree({}),
    '--output',
    'json',
  ]);
  assert.is(out.code, 0, out.stderr);
  const plan = JSON.parse(out.stdout);
  assert.equal(plan.revision, {
    id: `main@sha1:${sha}`,
    author: 'Ann Operator <ann@example.com>',
    subject: 'initial fleet',
  });
  assert.is(plan.changes.length, 4);
});

test('plan --git on a ref that does not exist fails clearly (exit 1)', async () => {
  const repo = gitRemote({ 'desired-state/p.yaml': poolYaml('p') });
  const out = await runCli([
    'plan',
    '--git',
    repo.remote,
    '--ref',
    'nope',
    '--state-dir',
    tempTree({}),
  ]);
  assert.is(out.code, 1);
  assert.match(out.stderr, /RefNotFound/);
});

test('a PATH inside a git work tree is revision HEAD, with +dirty:<digest> for uncommitted edits (each edit its own)', async () => {
  const repo = gitRemote({ 'desired-state/p.yaml': poolYaml('p') });
  const sha = git(repo.work, 'rev-parse', 'HEAD');
  const path = join(repo.work, 'desired-state');
  const clean = JSON.parse(
    (await runCli(['plan', path, '--state-dir', tempTree({}), '--output', 'json'])).stdout,
  );
  assert.is(clean.revision.id, `HEAD@sha1:${sha}`);
  assert.is(clean.revision.subject, 'initial fleet');
  writeFileSync(join(path, 'p.yaml'), poolYaml('p', 'fe01.contoso.com: draining'));
  const dirty = JSON.parse(
    (await runCli(['plan', path, '--state-dir', tempTree({}), '--output', 'json'])).stdout,
  );
  assert.match(dirty.revision.id, new RegExp(`^HEAD@sha1:${sha}\\+dirty:[0-9a-f]{12}$`));
  // Uncommitted edits are credited as such, never to HEAD's author and subject.
  assert.is(dirty.revision.author, null);
  assert.is(dirty.revision.subject, 'uncommitted edits');
  // Each uncommitted edit is a revision of its own (watch reports it, notifications tell it apart).
  writeFileSync(join(path, 'p.yaml'), poolYaml('p', 'fe02.contoso.com: draining'));
  const edited = JSON.parse(
    (await runCli(['plan', path, '--state-dir', tempTree({}), '--output', 'json'])).stdout,
  );
  assert.match(edited.revision.id, `HEAD@sha1:${sha}+dirty:`);
  assert.is.not(edited.revision.id, dirty.revision.id);
});

test('--git with a PATH, or --ref without --git, is a usage error', async () => {
  assert.is((await runCli(['plan', 'x', '--git', 'y'])).code, 64);
  assert.is((await runCli(['plan', '--ref', 'main'])).code, 64);
  assert.is((await runCli(['watch', '--interval', 'soon'])).code, 64);
  assert.is((await runCli(['watch', '--mode', 'dry'])).code, 64);
});

test.run();
