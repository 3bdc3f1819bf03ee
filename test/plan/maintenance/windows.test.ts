import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WindowSpec } from '../../../reconciler/model.ts';
import { evaluateWindows } from '../../../reconciler/plan/maintenance/windows.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const win = (
  kind: 'allow' | 'deny',
  schedule: string,
  hours: number,
  timezone = 'Europe/Berlin',
): WindowSpec => ({ kind, schedule, durationMs: hours * H, timezone });
const nightly = win('allow', '0 22 * * *', 6);

test('no windows: always allowed', () => {
  assert.equal(evaluateWindows([], at('2026-11-24T12:00:00Z')), {
    allowed: true,
    until: null,
    zone: null,
    text: 'no windows: always allowed',
  });
});

test('closed before an allow window: when it opens, in the window zone, and how far off', () => {
  // Tue 24 Nov 2026 18:48 in Berlin (CET, UTC+1).
  const verdict = evaluateWindows([nightly], at('2026-11-24T17:48:00Z'));
  assert.equal(verdict, {
    allowed: false,
    opens: at('2026-11-24T21:00:00Z'),
    zone: 'Europe/Berlin',
    text: 'opens Tue 22:00 Europe/Berlin, in 3h12m',
  });
});

test('a window open across midnight is found by looking back its duration; the end is exclusive', () => {
  const open = evaluateWindows([nightly], at('2026-11-25T00:30:00Z'));
  assert.equal(open, {
    allowed: true,
    until: at('2026-11-25T03:00:00Z'),
    zone: 'Europe/Berlin',
    text: 'open until Wed 04:00 Europe/Berlin, in 2h30m',
  });
  assert.ok(evaluateWindows([nightly], at('2026-11-25T02:59:59Z')).allowed);
  const closed = evaluateWindows([nightly], at('2026-11-25T03:00:00Z'));
  assert.equal(closed.allowed, false);
  assert.equal(closed.allowed === false && closed.opens, at('2026-11-25T21:00:00Z'));
  // Exactly at the start it is open.
  assert.ok(evaluateWindows([nightly], at('2026-11-24T21:00:00Z')).allowed);
});

test('deny beats allow, cuts an open allow window short, and an allow occurrence still open at its end counts', () => {
  const christmas = win('deny', '0 0 25 12 *', 24);
  const before = evaluateWindows([nightly, christmas], at('2026-12-24T22:00:00Z'));
  assert.equal(before.allowed && before.text, 'open until Fri 00:00 Europe/Berlin, in 1h');
  const during = evaluateWindows([nightly, christmas], at('2026-12-25T22:00:00Z'));
  // The allow occurrence of Fri 22:00 is still open when the deny ends at Sat 00:00.
  assert.equal(during, {
    allowed: false,
    opens: at('2026-12-25T23:00:00Z'),
    zone: 'Europe/Berlin',
    text: 'opens Sat 00:00 Europe/Berlin, in 1h',
  });
});

test('deny windows alone: allowed outside them', () => {
  const office = win('deny', '0 9 * * 1-5', 8, 'America/New_York');
  // Mon 30 Nov 2026 10:00 EST (UTC-5).
  const closed = evaluateWindows([office], at('2026-11-30T15:00:00Z'));
  assert.equal(closed.allowed === false && closed.text, 'opens Mon 17:00 America/New_York, in 7h');
  const open = evaluateWindows([office], at('2026-11-30T23:00:00Z'));
  assert.equal(open.allowed && open.text, 'open until Tue 09:00 America/New_York, in 15h');
  // Friday evening: open over the weekend until Monday 09:00.
  const weekend = evaluateWindows([office], at('2026-12-04T23:00:00Z'));
  assert.equal(weekend.allowed && weekend.until, at('2026-12-07T14:00:00Z'));
});

test('back-to-back allow windows are one opening; the text names the window that ends it', () => {
  const early = win('allow', '0 4 * * *', 2, 'Europe/Berlin');
  const verdict = evaluateWindows([nightly, early], at('2026-11-24T23:00:00Z'));
  assert.equal(verdict.allowed && verdict.text, 'open until Wed 06:00 Europe/Berlin, in 6h');
});

test('several zones: the text uses the zone of the window that opens', () => {
  const london = win('allow', '0 12 * * *', 1, 'Europe/London');
  const verdict = evaluateWindows([nightly, london], at('2026-11-24T13:30:00Z'));
  assert.equal(
    verdict.allowed === false && verdict.text,
    'opens Tue 22:00 Europe/Berlin, in 7h30m',
  );
  const later = evaluateWindows([nightly, london], at('2026-11-25T03:30:00Z'));
  assert.equal(later.allowed === false && later.text, 'opens Wed 12:00 Europe/London, in 8h30m');
});

test('DST in Europe/Berlin: each occurrence at 22:00 local, durations are elapsed time', () => {
  // Sat 28 Mar 2026 22:00 CET = 21:00Z; six hours later is 03:00Z = 05:00 CEST (clocks went forward).
  const night = evaluateWindows([nightly], at('2026-03-29T02:30:00Z'));
  assert.equal(night.allowed && night.text, 'open until Sun 05:00 Europe/Berlin, in 30m');
  // The next occurrence is 22:00 CEST = 20:00Z, an hour earlier in UTC than the day before.
  const sunday = evaluateWindows([nightly], at('2026-03-29T19:00:00Z'));
  assert.equal(sunday.allowed === false && sunday.opens, at('2026-03-29T20:00:00Z'));
  assert.equal(sunday.allowed === false && sunday.text, 'opens Sun 22:00 Europe/Berlin, in 1h');
  // Sat 24 Oct 2026 22:00 CEST = 20:00Z, ends 02:00Z = 03:00 CET (clocks went back).
  const autumn = evaluateWindows([nightly], at('2026-10-25T01:30:00Z'));
  assert.equal(autumn.allowed && autumn.text, 'open until Sun 03:00 Europe/Berlin, in 30m');
  assert.equal(evaluateWindows([nightly], at('2026-10-25T02:00:00Z')).allowed, false);
});

test('DST in Europe/Berlin: a skipped local time runs at the next valid one, a repeated one once', () => {
  const early = win('allow', '30 2 * * *', 1);
  // 02:30 does not exist on 29 Mar 2026: the occurrence starts at 03:00 CEST = 01:00Z.
  const spring = evaluateWindows([early], at('2026-03-29T00:59:00Z'));
  assert.equal(spring.allowed === false && spring.opens, at('2026-03-29T01:00:00Z'));
  // 02:30 happens twice on 25 Oct 2026: the window opens at the first (00:30Z), once.
  const autumn = evaluateWindows([early], at('2026-10-25T00:00:00Z'));
  assert.equal(autumn.allowed === false && autumn.opens, at('2026-10-25T00:30:00Z'));
  const second = evaluateWindows([early], at('2026-10-25T01:45:00Z'));
  assert.equal(second.allowed === false && second.opens, at('2026-10-26T01:30:00Z'));
});

test('DST in America/New_York: occurrences follow local time across both transitions', () => {
  const ny = win('allow', '0 22 * * *', 6, 'America/New_York');
  // Sat 7 Mar 2026 22:00 EST = 03:00Z; six hours later 09:00Z = 05:00 EDT.
  const spring = evaluateWindows([ny], at('2026-03-08T08:00:00Z'));
  assert.equal(spring.allowed && spring.text, 'open until Sun 05:00 America/New_York, in 1h');
  const next = evaluateWindows([ny], at('2026-03-08T12:00:00Z'));
  assert.equal(next.allowed === false && next.opens, at('2026-03-09T02:00:00Z'));
  // Sun 1 Nov 2026: 01:30 happens twice; the window of "30 1 * * *" opens at the first (EDT, 05:30Z).
  const twice = win('allow', '30 1 * * *', 1, 'America/New_York');
  const autumn = evaluateWindows([twice], at('2026-11-01T06:15:00Z'));
  assert.equal(autumn.allowed && autumn.until, at('2026-11-01T06:30:00Z'));
  assert.equal(autumn.allowed && autumn.text, 'open until Sun 01:30 America/New_York, in 15m');
  const after = evaluateWindows([twice], at('2026-11-01T06:45:00Z'));
  assert.equal(after.allowed === false && after.opens, at('2026-11-02T06:30:00Z'));
});

test('a window open every minute has no end in sight, and answering stays bounded', () => {
  const always = win('allow', '* * * * *', 1 / 60);
  const started = performance.now();
  const verdict = evaluateWindows([always], at('2026-11-24T12:00:30Z'));
  assert.equal(verdict, { allowed: true, until: null, zone: null, text: 'open, no end in sight' });
  assert.ok(performance.now() - started < 2_000);
});

test.run();
