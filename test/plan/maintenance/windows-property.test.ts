// Property: a verdict's edge is where the verdict changes. Open "until U": still open just before U,
// closed or cut at U. Closed "opens O": closed just before O, open at O. Across DST zones and random times.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WindowSpec } from '../../../reconciler/model.ts';
import { evaluateWindows } from '../../../reconciler/plan/maintenance/windows.ts';

const window: fc.Arbitrary<WindowSpec> = fc.record({
  kind: fc.constantFrom('allow' as const, 'allow' as const, 'deny' as const),
  schedule: fc.constantFrom(
    '0 22 * * *',
    '30 2 * * *',
    '0 9 * * 1-5',
    '15 */6 * * *',
    '0 0 1 * *',
    '0 3 * * 0',
  ),
  durationMs: fc.constantFrom(30, 60, 120, 360, 1_440, 4_320).map((m) => m * 60_000),
  timezone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'UTC', 'Australia/Sydney'),
});

// Around the 2026 DST changes in Europe and North America, and anywhere in the year.
const moments = fc.oneof(
  fc.integer({ min: Date.parse('2026-03-06T00:00:00Z'), max: Date.parse('2026-04-01T00:00:00Z') }),
  fc.integer({ min: Date.parse('2026-10-23T00:00:00Z'), max: Date.parse('2026-11-03T00:00:00Z') }),
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
);

test('an open verdict holds until its end, a closed one until it opens', () => {
  fc.assert(
    fc.property(fc.array(window, { minLength: 1, maxLength: 3 }), moments, (windows, raw) => {
      const now = Math.floor(raw / 1000) * 1000;
      const verdict = evaluateWindows(windows, now);
      if (verdict.allowed) {
        if (verdict.until === null) return;
        assert.ok(verdict.until > now);
        assert.ok(evaluateWindows(windows, verdict.until - 1).allowed, 'open just before its end');
        assert.not.ok(evaluateWindows(windows, verdict.until).allowed, 'closed at its end');
      } else {
        if (verdict.opens === null) return;
        assert.ok(verdict.opens > now);
        assert.not.ok(
          evaluateWindows(windows, verdict.opens - 1).allowed,
          'closed just before it opens',
        );
        assert.ok(evaluateWindows(windows, verdict.opens).allowed, 'open when it opens');
      }
    }),
    { numRuns: 300 },
  );
});

test.run();
