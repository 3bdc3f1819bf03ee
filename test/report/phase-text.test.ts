// A round in words: report/ turns the plan's round data into the phase texts and JSON every surface shows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RoundView } from '../../reconciler/plan/index.ts';
import {
  phaseText,
  roundJson,
  roundMessage,
  roundsJson,
} from '../../reconciler/report/phase-text.ts';

const NOW = Date.parse('2026-11-24T17:48:00Z');

test('each phase in words, durations as of the time given, clock times in the zone', () => {
  const hook = { ok: false, kind: 'Exit', exitCode: 3, message: 'x', tail: ['', 'KB1 failed'] };
  const cases: [Parameters<typeof phaseText>[0], string][] = [
    [{ phase: 'hook-running', since: NOW - 12 * 60_000 }, 'hook running 12m'],
    [{ phase: 'draining', since: null, drained: false }, 'draining next'],
    [{ phase: 'draining', since: NOW - 5000, drained: false }, 'draining 5s'],
    [{ phase: 'draining', since: NOW, drained: true }, 'drained, hook next'],
    [{ phase: 'settling', until: NOW + 20 * 60_000 }, 'settling until 19:08 Europe/Berlin'],
    [
      { phase: 'blocked-gate', message: 'gate: Busy', waiting: true },
      'blocked by gate: gate: Busy',
    ],
    [{ phase: 'waiting-window', message: 'opens …', opens: null }, 'waiting for window: opens …'],
    [
      { phase: 'stalled', reason: 'hook-failed', message: 'hook failed (exit 3)', hook },
      'Stalled: hook failed (exit 3) — KB1 failed',
    ],
  ];
  for (const [phase, text] of cases) assert.is(phaseText(phase, NOW, 'Europe/Berlin'), text);
});

test('the round as JSON: the fields and order plans and status always had, next actions in words', () => {
  const view: RoundView = {
    pool: 'p',
    id: 'CHG1',
    state: 'running',
    done: 0,
    total: 2,
    stoppedBy: null,
    waitingOn: null,
    window: 'open, no end in sight',
    at: NOW,
    zone: 'UTC',
    servers: [
      { name: 's1', phase: { phase: 'hook-running', since: NOW - 1000 }, mode: 'draining' },
      { name: 's2', phase: { phase: 'pending', message: 'after s1' }, mode: null },
    ],
    actions: [{ kind: 'run-hook', server: 's1', rerun: true }],
  };
  const json = roundJson(view);
  assert.equal(
    JSON.stringify(json),
    JSON.stringify({
      pool: 'p',
      id: 'CHG1',
      state: 'running',
      message: '0 of 2 done',
      window: 'open, no end in sight',
      servers: [
        {
          name: 's1',
          phase: 'hook-running',
          text: 'hook running 1s',
          since: NOW - 1000,
          until: null,
          mode: 'draining',
        },
        { name: 's2', phase: 'pending', text: 'after s1', since: null, until: null, mode: null },
      ],
      next: ['run-hook s1 (again: no end was recorded)'],
    }),
  );
  assert.is(roundsJson(undefined), undefined);
});

test('where the round stands in one line: counts, then what stopped it or what it waits on', () => {
  const progress = { done: 2, total: 6, stoppedBy: null, waitingOn: null };
  assert.is(roundMessage({ ...progress, state: 'running' }), '2 of 6 done');
  assert.is(
    roundMessage({ ...progress, state: 'stopped', stoppedBy: 'fe03' }),
    '2 of 6 done; stopped: hook failed on fe03',
  );
  const waitingOn = {
    server: 'fe04',
    phase: { phase: 'waiting-window' as const, message: 'opens Sat 22:00 UTC, in 2d', opens: 0 },
  };
  assert.is(
    roundMessage({ ...progress, state: 'waiting', waitingOn }),
    '2 of 6 done; next fe04: waiting for window: opens Sat 22:00 UTC, in 2d',
  );
  assert.is(roundMessage({ ...progress, state: 'running', waitingOn }), '2 of 6 done');
});

test.run();
