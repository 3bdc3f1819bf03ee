// history rendering: who, when, which commit, and how long a service stayed out of rotation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { AuditRecord } from '../../reconciler/audit-record.ts';
import { historyJson, historyText } from '../../reconciler/report/history-report.ts';
import { createStyle } from '../../reconciler/report/style.ts';
import { actor, step } from '../state/contract.ts';

const plain = createStyle(false);
const pause = step('fe-east', 'fe02.x', '2026-01-01T10:00:00.000Z');
const resume: AuditRecord = {
  ...pause,
  time: '2026-01-01T12:30:00.000Z',
  action: 'resume',
  before: pause.after,
  after: pause.before,
};
const other = step('fe-east', 'fe03.x', '2026-01-01T11:00:00.000Z');

test('text: a header per revision, then one line per record with its short revision and time out of rotation', () => {
  const text = historyText([pause, other, resume], plain, Date.parse('2026-01-01T13:00:00.000Z'));
  const lines = text.trimEnd().split('\n');
  assert.is(lines[0], '── revision main@sha1:abc by Ann "drain"');
  assert.is(
    lines[1],
    '2026-01-01T10:00:00.000Z  fe-east  fe02.x  RTCSRV  pause Running/Manual → Paused/Manual  ok in 12ms  main@sha1:abc  out for 2h30m',
  );
  assert.ok(lines[2]?.endsWith('out 2h so far'), lines[2]);
  assert.ok(lines[3]?.includes('resume Paused/Manual → Running/Manual  ok'), lines[3]);
  assert.is(lines.length, 4);
  assert.is(historyText([], plain, 0), 'No audit records match.\n');
});

test('text: a long subject once per group, on one line; lines carry a short id, the reason and no subject', () => {
  const subject = `Patch Tuesday: drain ${'the Front End pool '.repeat(12)}\n\nSecond line of the body`;
  const operator = {
    user: 'ann',
    host: 'runner-7',
    pid: 4242,
    command: 'apply',
    ciJobUrl: 'https://ci/job/7',
  };
  const sha = 'a'.repeat(40);
  const record = (time: string, server: string): AuditRecord => ({
    ...step('fe-east', server, time),
    revision: { id: `HEAD@sha1:${sha}+dirty:0123456789ab`, author: null, subject },
    reason: 'CHG0042',
    operator,
  });
  const text = historyText(
    [record('2026-01-01T10:00:00.000Z', 'fe01.x'), record('2026-01-01T10:00:01.000Z', 'fe02.x')],
    plain,
    0,
  );
  const lines = text.trimEnd().split('\n');
  assert.is(lines.length, 3);
  assert.match(
    lines[0] ?? '',
    /^── revision aaaaaaa\+dirty "Patch Tuesday: drain the Front End pool .*…" — run by ann@runner-7 pid 4242 apply, job https:\/\/ci\/job\/7$/,
  );
  assert.ok((lines[0] ?? '').length < 160, lines[0]);
  for (const line of lines.slice(1)) {
    assert.match(line, /ok in 12ms {2}aaaaaaa\+dirty {2}reason: CHG0042/);
    assert.not.match(line, /Patch Tuesday/);
    assert.ok(line.length < 150, line);
  }
});

test('text and json: a forced unlock names both sides; json carries outOfRotationMs', () => {
  const unlock: AuditRecord = {
    time: '2026-01-02T00:00:00.000Z',
    pool: 'fe-east',
    action: 'force-unlock',
    by: actor('ops', 'unlock'),
    holder: {
      ...actor('runner-1'),
      pool: 'fe-east',
      id: 'abc-123',
      revision: null,
      since: '2026-01-01T23:00:00.000Z',
    },
  };
  assert.match(
    historyText([unlock], plain, 0),
    /force-unlock {2}lock abc-123 of apply on runner-1 \(pid 4242, since 2026-01-01T23:00:00.000Z\) released by unlock on ops/,
  );
  const json = JSON.parse(historyJson([pause, resume, unlock]));
  assert.is(json.formatVersion, 1);
  assert.is(json.records[0].outOfRotationMs, 9_000_000);
  assert.is(json.records[1].outOfRotationMs, undefined);
  assert.is(json.records[2].holder.id, 'abc-123');
});

test.run();
