import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StepRecord } from '../../reconciler/audit-record.ts';
import { runningService } from '../helpers/builders/simulated-world.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { startCli, until } from '../helpers/harnesses/capture.ts';
import { gitRemote } from '../helpers/harnesses/git-repo.ts';

const fast = { QUIESCE_SIM_SESSION_SECONDS: '0.05' };
const status = (state: string) => JSON.parse(readFileSync(join(state, 'status.json'), 'utf8'));
const audit = (state: string): StepRecord[] =>
  existsSync(join(state, 'audit.jsonl'))
    ? readFileSync(join(state, 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
const ready = (state: string) =>
  existsSync(join(state, 'status.json')) && status(state).lastReconcile !== null;

test('a saved file is reconciled by its file event (resync far away), with its revision', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p') });
  const state = tempTree({});
  const watch = startCli(['watch', tree, '--state-dir', state, '--interval', '1h'], fast);
  try {
    await until(() => ready(state), 10_000, 'first reconcile');
    const saved = Date.now();
    writeFileSync(
      join(tree, 'p.yaml'),
      poolYaml('p', 'fe01.contoso.com: draining\n    fe02.contoso.com: active'),
    );
    await until(() => audit(state).some((l) => l.action === 'pause'), 5_000, 'pause step');
    const latency = Date.now() - saved;
    assert.ok(latency < 3000, `save → step took ${latency} ms`);
    assert.match(audit(state)[0]!.revision?.id ?? '', /@sha256:[0-9a-f]{12}$/);
  } finally {
    await watch.stop();
  }
});

test('an invalid save is not applied: the last good revision stays, status says why', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p') });
  const state = tempTree({});
  const watch = startCli(['watch', tree, '--state-dir', state, '--interval', '1h'], fast);
  try {
    await until(() => ready(state), 10_000, 'first reconcile');
    const good = status(state).lastAppliedRevision.id;
    writeFileSync(
      join(tree, 'p.yaml'),
      poolYaml('p', 'fe01.contoso.com: drainig\n    fe02.contoso.com: draining'),
    );
    await until(
      () => status(state).lastAttemptedRevision?.errors?.length > 0,
      5_000,
      'invalid revision recorded',
    );
    const s = status(state);
    assert.is(s.lastAppliedRevision.id, good);
    assert.is.not(s.lastAttemptedRevision.id, good);
    assert.equal(
      [s.lastAttemptedRevision.errors[0].line, s.lastAttemptedRevision.errors[0].column],
      [11, 23],
    );
    assert.equal(
      s.conditions.find((c: { type: string }) => c.type === 'Ready'),
      {
        type: 'Ready',
        status: false,
        reason: 'ValidationFailed',
        message: s.conditions[0].message,
      },
    );
    assert.equal(audit(state), [], 'nothing from the invalid revision ran');
    assert.match(watch.output(), /is invalid; not applied/);
  } finally {
    await watch.stop();
  }
});

test('--mode monitor reports drift and never changes anything', async () => {
  const tree = tempTree({
    'p.yaml': poolYaml('p', 'fe01.contoso.com: draining\n    fe02.contoso.com: active'),
  });
  const state = tempTree({});
  const watch = startCli(
    ['watch', tree, '--state-dir', state, '--interval', '1h', '--mode', 'monitor'],
    fast,
  );
  try {
    await until(() => ready(state), 10_000, 'first reconcile');
    assert.equal(audit(state), []);
    assert.is(status(state).pools[0].changes, 4);
    assert.is(status(state).lastAppliedRevision, null);
    assert.match(watch.output(), /Plan: 4 to change/);
  } finally {
    await watch.stop();
  }
});

test('git: a pushed commit is applied within the interval and every audit line names it', async () => {
  const repo = gitRemote({ 'desired-state/p.yaml': poolYaml('p') });
  const state = tempTree({});
  const watch = startCli(
    ['watch', '--git', repo.remote, '--state-dir', state, '--interval', '1s'],
    fast,
  );
  try {
    await until(() => ready(state), 10_000, 'first reconcile');
    const sha = repo.commit(
      {
        'desired-state/p.yaml': poolYaml(
          'p',
          'fe02.contoso.com: draining\n    fe01.contoso.com: active',
        ),
      },
      'Drain fe02 CHG7',
    );
    await until(() => audit(state).some((l) => l.action === 'pause'), 8_000, 'pause step');
    for (const line of audit(state)) {
      assert.equal(line.revision, {
        id: `main@sha1:${sha}`,
        author: 'Ann Operator <ann@example.com>',
        subject: 'Drain fe02 CHG7',
      });
    }
    // The remote goes away: reported, retried, the last good revision stays in force; then it comes back.
    renameSync(repo.remote, `${repo.remote}.gone`);
    await until(
      () => status(state).conditions[0].reason === 'SourceUnavailable',
      8_000,
      'source unavailable',
    );
    assert.is(status(state).lastAppliedRevision.id, `main@sha1:${sha}`);
    renameSync(`${repo.remote}.gone`, repo.remote);
    await until(
      () => status(state).conditions[0].reason !== 'SourceUnavailable',
      10_000,
      'source back',
    );
  } finally {
    await watch.stop();
  }
});

test('edits while a reconcile runs collapse into one more round, and the last edit wins', async () => {
  const tree = tempTree({
    'p.yaml': poolYaml('p', 'fe01.contoso.com: active\n    fe02.contoso.com: active'),
  });
  const slow = {
    fault: null,
    latencyMs: 150,
    services: {
      RTCSRV: runningService(1),
      RTCMEDSRV: runningService(1),
    },
  };
  const state = tempTree({
    'simulated/p.json': JSON.stringify({
      servers: { 'fe01.contoso.com': slow, 'fe02.contoso.com': slow },
    }),
  });
  const watch = startCli(['watch', tree, '--state-dir', state, '--interval', '1h'], fast);
  try {
    await until(() => ready(state), 10_000, 'first reconcile');
    const rounds = () => (watch.output().match(/^revision /gm) ?? []).length;
    const before = rounds();
    // First edit starts a round that takes a while (150 ms per call); two more edits land during it.
    writeFileSync(
      join(tree, 'p.yaml'),
      poolYaml('p', 'fe01.contoso.com: draining\n    fe02.contoso.com: active'),
    );
    await until(() => audit(state).length > 0, 5_000, 'first round under way');
    writeFileSync(
      join(tree, 'p.yaml'),
      poolYaml('p', 'fe01.contoso.com: active\n    fe02.contoso.com: active'),
    );
    await new Promise((r) => setTimeout(r, 60));
    writeFileSync(
      join(tree, 'p.yaml'),
      poolYaml('p', 'fe01.contoso.com: active\n    fe02.contoso.com: draining'),
    );
    await until(
      () => audit(state).some((l) => l.server === 'fe02.contoso.com' && l.action === 'pause'),
      10_000,
      'last edit applied',
    );
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(
      rounds() - before <= 3,
      `edits during a round collapse (${rounds() - before} new revisions seen)`,
    );
    const world = JSON.parse(readFileSync(join(state, 'simulated', 'p.json'), 'utf8'));
    assert.is(
      world.servers['fe01.contoso.com'].services.RTCSRV.startType,
      'Automatic',
      'fe01 ends active, as the last edit says',
    );
    assert.is(world.servers['fe02.contoso.com'].services.RTCSRV.startType, 'Manual');
  } finally {
    await watch.stop();
  }
});

test.run();
