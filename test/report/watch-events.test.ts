// What watch prints per loop event, byte for byte: a revision once, an invalid one with its issues, an
// unavailable source, a plan once while it stays the same, a failed step; nothing for the rest.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LoadIssue } from '../../reconciler/errors.ts';
import { buildPlan } from '../../reconciler/plan/index.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { watchEventPrinter } from '../../reconciler/report/watch-events.ts';
import { desired, observe, pool, servers } from '../helpers/builders/fleet.ts';

const plain = createStyle(false);
const revision = (id: string) => ({ id, author: 'ana', subject: 'drain s1' });

test('a revision is printed when it changes, not again for the same one', () => {
  const print = watchEventPrinter(plain);
  const valid = (id: string) => ({
    kind: 'source' as const,
    read: { kind: 'valid' as const, revision: revision(id) },
  });
  assert.is(print(valid('main@sha1:a')), 'revision main@sha1:a (ana: drain s1)\n');
  assert.is(print(valid('main@sha1:a')), '');
  assert.is(print(valid('main@sha1:b')), 'revision main@sha1:b (ana: drain s1)\n');
});

test('an invalid revision says it is not applied and lists its issues', () => {
  const issue: LoadIssue = {
    code: 'io',
    file: 'p.yaml',
    line: 3,
    column: 5,
    message: 'unknown mode drainig',
    hint: null,
  };
  const text = watchEventPrinter(plain)({
    kind: 'source',
    read: { kind: 'invalid', revision: revision('r2'), issues: [issue] },
  });
  assert.ok(text.startsWith('revision r2 (ana: drain s1) is invalid; not applied\n'), text);
  assert.match(text, /p\.yaml:3:5/);
  assert.match(text, /unknown mode drainig/);
});

test('an unavailable source keeps the last good revision and says when it retries', () => {
  const print = watchEventPrinter(plain);
  const event = {
    kind: 'source' as const,
    read: {
      kind: 'unavailable' as const,
      error: { kind: 'Unreachable', message: 'cannot reach git' },
      retryInMs: 29_600,
    },
  };
  const line =
    'source unavailable Unreachable: cannot reach git; keeping the last good revision, retrying in 30s\n';
  assert.is(print(event), line);
  assert.is(print(event), line, 'printed every time: it is news each round');
});

test('a plan with something to do is printed once while it stays the same; a quiet plan never', () => {
  const print = watchEventPrinter(plain);
  const p = pool('p', servers(2, [1]));
  const busy = buildPlan(desired(p), observe([p]), 0);
  const quiet = buildPlan(desired(pool('p', servers(2))), observe([p]), 0);
  const first = print({ kind: 'plan', plan: busy });
  assert.match(first, /^pool p\n/);
  assert.not.match(first, /Revision/, 'the revision has its own line, printed when it changes');
  assert.is(print({ kind: 'plan', plan: busy }), '');
  assert.is(print({ kind: 'plan', plan: quiet }), '');
  assert.ok(print({ kind: 'plan', plan: busy }) !== '', 'printed again after a different plan');
});

test('a plan whose only change is a countdown in a message is not printed again', () => {
  const print = watchEventPrinter(plain);
  const p = pool('p', servers(3, [1]));
  const plan = buildPlan(desired(p), observe([p], { s3: 'unreachable' }), 0);
  const held = (inText: string) => ({
    ...plan,
    blocked: [
      {
        pool: 'p',
        server: 's1',
        rule: 'maintenance-window',
        message: `waits for a maintenance window: opens Mon 22:00 Europe/Berlin, in ${inText}`,
      },
    ],
  });
  assert.match(print({ kind: 'plan', plan: held('22s') }), /in 22s/);
  assert.is(print({ kind: 'plan', plan: held('21s') }), '');
  assert.is(print({ kind: 'plan', plan: held('20s') }), '');
});

test('a failed step is a line with its message; a good step and a status event print nothing', () => {
  const print = watchEventPrinter(plain);
  const entry = { server: 's1', service: 'RTCSRV', action: 'pause' };
  assert.is(
    print({ kind: 'step', entry: { ...entry, outcome: 'error', error: { message: 'no answer' } } }),
    '✗ s1 RTCSRV pause: no answer\n',
  );
  assert.is(print({ kind: 'step', entry: { ...entry, outcome: 'ok' } }), '');
  assert.is(print({ kind: 'status' }), '');
});

test.run();
