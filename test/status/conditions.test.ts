// The Ready / Reconciling / Stalled conditions a watch round writes to status, straight from a read and a
// plan: converged, blocked, driver errors, still draining, a drain past its timeout, invalid and unavailable sources.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadIssue } from '../../reconciler/errors.ts';
import type { Observations, PoolSpec } from '../../reconciler/model.ts';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { type Condition, conditions, type SourceOutcome } from '../../reconciler/status/index.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const revision = { id: 'r1', author: null, subject: null };

/** The conditions after reading `read` and planning `p` over `observed` (every server Running, no sessions). */
function conditionsAfter(
  p: PoolSpec,
  read: SourceOutcome,
  observed: Observations = observe([p]),
  stalledHealth = false,
): Condition[] {
  return conditions(read, buildPlan(desired(p), observed, 1_000), stalledHealth);
}

const valid: SourceOutcome = { kind: 'valid' };
const paused = { status: 'Paused' as const, startType: 'Manual' as const };
const brief = (conditions: Condition[]) =>
  conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);
const message = (conditions: Condition[], type: string) =>
  conditions.find((c) => c.type === type)?.message;

test('a converged fleet: Ready, not reconciling, not stalled', () => {
  const p = pool('p', servers(2));
  assert.equal(brief(conditionsAfter(p, valid)), [
    'Ready=true/ReconciliationSucceeded',
    'Reconciling=false/Idle',
    'Stalled=false/Progressing',
  ]);
});

test('a drain blocked by the budget: not Ready (the block), Stalled by policy', () => {
  const p = pool('p', servers(3, [1]));
  const found = conditionsAfter(p, valid, observe([p], { s3: 'unreachable' }));
  assert.equal(brief(found), [
    'Ready=false/Blocked',
    'Reconciling=false/Idle',
    'Stalled=true/Blocked',
  ]);
  assert.match(message(found, 'Ready') ?? '', /draining s1 would make 2 of 3 servers unavailable/);
  assert.is(message(found, 'Stalled'), 'changes are blocked by policy');
});

test('an unreachable server with nothing blocked: not Ready, DriverErrors names it', () => {
  const p = pool('p', servers(2));
  const found = conditionsAfter(p, valid, observe([p], { s2: 'unreachable' }));
  assert.equal(brief(found).slice(0, 1), ['Ready=false/DriverErrors']);
  assert.match(message(found, 'Ready') ?? '', /^s2: /);
});

test('changes to make (as monitor mode leaves them): Reconciling, with the counts', () => {
  const p = pool('p', servers(2, [1]));
  const found = conditionsAfter(p, valid);
  assert.equal(brief(found), [
    'Ready=false/Progressing',
    'Reconciling=true/Progressing',
    'Stalled=false/Progressing',
  ]);
  assert.match(
    message(found, 'Reconciling') ?? '',
    /^[1-9]\d* changes, 0 waiting, 0 sessions draining$/,
  );
});

test('an invalid first revision: not Ready and Stalled, naming the first problem where it is', () => {
  const issue: LoadIssue = {
    code: 'io',
    file: 'p.yaml',
    line: 3,
    column: 5,
    message: 'bad mode',
    hint: null,
  };
  const found = conditions({ kind: 'invalid', revision, issues: [issue] }, null, false);
  assert.equal(brief(found), [
    'Ready=false/ValidationFailed',
    'Reconciling=false/Idle',
    'Stalled=true/ValidationFailed',
  ]);
  assert.is(
    message(found, 'Ready'),
    'r1 is invalid (1 problem; first: p.yaml:3:5 bad mode); no valid revision is in force yet',
  );
});

test('an unavailable source: not Ready, saying when it retries; with no revision yet, NoRevision would follow', () => {
  const p = pool('p', servers(1));
  const unavailable: SourceOutcome = {
    kind: 'unavailable',
    error: { kind: 'Unreachable', message: 'cannot reach git' },
    retryInMs: 30_000,
  };
  const found = conditions(unavailable, null, false);
  assert.equal(brief(found), [
    'Ready=false/SourceUnavailable',
    'Reconciling=false/Idle',
    'Stalled=false/Progressing',
  ]);
  assert.is(message(found, 'Ready'), 'Unreachable: cannot reach git; retrying in 30s');
  const later = conditionsAfter(p, unavailable);
  assert.equal(
    brief(later).slice(0, 1),
    ['Ready=false/SourceUnavailable'],
    'the last good one runs on',
  );
});

test('a drain in progress: not Ready (sessions still draining), Reconciling with the count', () => {
  const p = pool('p', servers(2, [1]));
  const found = conditionsAfter(
    p,
    valid,
    observe([p], { s1: { ...paused, sessions: 4, since: 500 } }),
  );
  assert.equal(brief(found), [
    'Ready=false/Progressing',
    'Reconciling=true/Progressing',
    'Stalled=false/Progressing',
  ]);
  assert.is(message(found, 'Ready'), '4 sessions still draining');
  assert.is(message(found, 'Reconciling'), '0 changes, 0 waiting, 4 sessions draining');
});

test('a drain past its timeout: Stalled by DrainTimeout; a block names Blocked first', () => {
  const p = pool('p', servers(2, [1]));
  const draining = observe([p], { s1: { ...paused, sessions: 4, since: 0 } });
  const found = conditionsAfter(p, valid, draining, true);
  assert.equal(brief(found).slice(2), ['Stalled=true/DrainTimeout']);
  assert.is(message(found, 'Stalled'), 'a drain passed its timeout');
  const q = pool('q', servers(3, [1]));
  const both = conditionsAfter(q, valid, observe([q], { s3: 'unreachable' }), true);
  assert.equal(brief(both).slice(2), ['Stalled=true/Blocked']);
});

test('a valid read with no plan: not Ready, NoRevision', () => {
  assert.equal(brief(conditions(valid, null, false)), [
    'Ready=false/NoRevision',
    'Reconciling=false/Idle',
    'Stalled=false/Progressing',
  ]);
});

test.run();

test('a failed maintenance hook: not Ready and Stalled, both HookFailed, naming the server and the exit', () => {
  const p = pool('p', servers(2));
  const plan = buildPlan(desired(p), observe([p]), 1_000);
  const failed = {
    ...plan,
    errors: [
      {
        pool: 'p',
        server: 's1',
        service: null,
        kind: 'HookFailed' as const,
        message: 'hook failed (exit 3): patch failed',
      },
    ],
  };
  const found = conditions(valid, failed, false);
  assert.equal(
    brief(found).filter((c) => !c.startsWith('Reconciling')),
    ['Ready=false/HookFailed', 'Stalled=true/HookFailed'],
  );
  assert.is(message(found, 'Stalled'), 's1: hook failed (exit 3): patch failed');
});
