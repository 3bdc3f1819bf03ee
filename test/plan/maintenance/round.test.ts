import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Budget, MaintenanceSpec, ServiceObservation } from '../../../reconciler/model.ts';
import { deriveRound, type RoundInput } from '../../../reconciler/plan/maintenance/round.ts';
import {
  type GateVerdict,
  newRecord,
  type RoundRecord,
} from '../../../reconciler/plan/maintenance/round-types.ts';
import type { WindowVerdict } from '../../../reconciler/plan/maintenance/windows.ts';
import { roundMessage } from '../../../reconciler/report/phase-text.ts';
import { observe, pool, servers } from '../../helpers/builders/fleet.ts';

const OPEN: WindowVerdict = {
  allowed: true,
  until: null,
  zone: null,
  text: 'no windows: always allowed',
};
const max = (value: number): Budget => ({
  kind: 'maxUnavailable',
  count: { kind: 'absolute', value },
});
const NOW = 1_000_000;

/** A pool s1..sn with a round over all its servers. */
function roundPool(
  n: number,
  budget = max(1),
  round: Partial<MaintenanceSpec> = {},
  draining: number[] = [],
) {
  const p = pool('p', servers(n, draining), { budget });
  p.maintenance = {
    id: 'CHG1',
    servers: p.servers.map((s) => s.name),
    run: ['/bin/true'],
    timeoutMs: 60_000,
    settleMs: 0,
    gates: [],
    ...round,
  };
  return p;
}

type World = Record<string, Partial<ServiceObservation> | 'unreachable'>;
const paused = (sessions = 0): Partial<ServiceObservation> => ({
  status: 'Paused',
  startType: 'Manual',
  sessions,
});
const rebooted: Partial<ServiceObservation> = {
  status: 'Stopped',
  startType: 'Manual',
  sessions: 0,
};

function derive(
  p: ReturnType<typeof roundPool>,
  records: Partial<RoundRecord>[] = [],
  world: World = {},
  extra: Partial<RoundInput> = {},
) {
  return deriveRound({
    pool: p,
    observed: observe([p], world).get('p'),
    records: new Map(
      records.map((r) => [
        r.server as string,
        { ...newRecord('p', 'CHG1', r.server as string), ...r },
      ]),
    ),
    window: OPEN,
    gates: new Map(),
    liveHooks: new Set(),
    now: NOW,
    ...extra,
  });
}
const phaseOf = (r: ReturnType<typeof derive>, server: string) =>
  r.servers.find((s) => s.name === server)?.phase;
const actions = (r: ReturnType<typeof derive>) => r.actions.map((a) => `${a.kind} ${a.server}`);

test('a fresh round drains the first server the budget allows, in declaration order; the rest wait their turn', () => {
  const r = derive(roundPool(4));
  assert.equal(actions(r), ['start-drain s1']);
  // Not started yet: no duration to show.
  assert.equal(phaseOf(r, 's1'), { phase: 'draining', since: null, drained: false });
  assert.equal(phaseOf(r, 's2'), {
    phase: 'pending',
    message: 'waiting for the budget: maxUnavailable 1 allows 1 unavailable, 1 is',
  });
  assert.equal(phaseOf(r, 's3'), { phase: 'pending', message: 'after s2' });
  assert.equal(r.modes.get('s1'), 'draining');
  assert.equal(
    [r.state, r.unavailable, r.limit, roundMessage(r)],
    ['running', 1, 1, '0 of 4 done'],
  );
});

test('as many at a time as the budget allows: maxUnavailable 2, quorum lync2013 for 7 servers', () => {
  assert.equal(actions(derive(roundPool(6, max(2)))), ['start-drain s1', 'start-drain s2']);
  const quorum = derive(roundPool(7, { kind: 'quorum', preset: 'lync2013' }));
  assert.equal(actions(quorum), ['start-drain s1', 'start-drain s2', 'start-drain s3']);
  assert.is(quorum.unavailable, 3);
});

test('servers already out count: an unreachable server or one with a stopped service takes the budget', () => {
  assert.equal(actions(derive(roundPool(4, max(2)), [], { s4: 'unreachable' })), [
    'start-drain s1',
  ]);
  assert.equal(actions(derive(roundPool(4, max(1)), [], { s3: { status: 'Stopped' } })), []);
});

test('while draining nothing else starts; once drained the hook runs', () => {
  const p = roundPool(3);
  const draining = derive(p, [{ server: 's1', drainStartedAt: NOW - 1000 }], { s1: paused(4) });
  assert.equal(actions(draining), []);
  assert.equal(phaseOf(draining, 's1'), { phase: 'draining', since: NOW - 1000, drained: false });
  const drained = derive(p, [{ server: 's1', drainStartedAt: NOW - 1000 }], { s1: paused(0) });
  assert.equal(actions(drained), ['run-hook s1']);
  assert.equal(drained.modes.get('s1'), 'draining');
});

test('a drain past drain.timeout is Stalled and the hook does not run until it is drained', () => {
  const p = roundPool(3);
  const r = derive(p, [{ server: 's1', drainStartedAt: NOW - 120_000 }], { s1: paused(2) });
  assert.equal(phaseOf(r, 's1')?.phase, 'stalled');
  assert.equal(actions(r), []);
  assert.equal(r.modes.get('s1'), 'draining');
});

test('a hook started without an end is run again unless it runs here (at least once)', () => {
  const p = roundPool(3);
  const record = {
    server: 's1',
    drainStartedAt: NOW - 5000,
    hookStartedAt: NOW - 3000,
    attempts: 1,
  };
  const orphan = derive(p, [record], { s1: paused(0) });
  assert.equal(orphan.actions, [{ kind: 'run-hook', server: 's1', rerun: true }]);
  assert.equal(phaseOf(orphan, 's1'), { phase: 'hook-running', since: NOW - 3000 });
  const live = derive(p, [record], { s1: paused(0) }, { liveHooks: new Set(['s1']) });
  assert.equal(actions(live), []);
  // Still running while the world shows the reboot: no return yet.
  assert.equal(live.modes.get('s1'), 'draining');
});

const hookOk = { ok: true, kind: null, exitCode: 0, message: 'ok', tail: [] };
const hookFailed = {
  ok: false,
  kind: 'Exit',
  exitCode: 3,
  message: 'hook exited with code 3',
  tail: ['KB5031356 failed'],
};

test('after the hook the server returns (never held back) and counts as unavailable until Running', () => {
  const p = roundPool(3);
  const record = {
    server: 's1',
    drainStartedAt: 1,
    hookStartedAt: 2,
    hookEndedAt: NOW - 10,
    hook: hookOk,
  };
  const closed: WindowVerdict = {
    allowed: false,
    opens: NOW + 3_600_000,
    zone: 'UTC',
    text: 'opens Tue 22:00 UTC, in 1h',
  };
  const returning = derive(p, [record], { s1: rebooted }, { window: closed });
  assert.equal(returning.modes.get('s1'), 'active');
  assert.equal(phaseOf(returning, 's1'), { phase: 'returning', since: NOW - 10 });
  assert.equal(actions(returning), []);
  assert.is(returning.unavailable, 1);
  const back = derive(p, [record], {});
  assert.equal(actions(back), ['record-done s1', 'start-drain s2']);
});

test('settle: after a return, the next drain waits; the done server shows settling until when', () => {
  const p = roundPool(3, max(1), { settleMs: 20_000 });
  const record = {
    server: 's1',
    drainStartedAt: 1,
    hookStartedAt: 2,
    hookEndedAt: 3,
    hook: hookOk,
  };
  // Back but not yet recorded done: settle starts now, so s2 does not start in the same breath.
  const back = derive(p, [record]);
  assert.equal(actions(back), ['record-done s1']);
  assert.equal(phaseOf(back, 's2'), {
    phase: 'pending',
    message: 'waiting for the pool to settle',
  });
  const settling = derive(p, [{ ...record, doneAt: NOW - 5_000 }]);
  assert.equal(phaseOf(settling, 's1'), { phase: 'settling', until: NOW + 15_000 });
  assert.equal(actions(settling), []);
  assert.is(settling.wakeAt, NOW + 15_000);
  assert.equal(
    [settling.state, roundMessage(settling)],
    ['waiting', '1 of 3 done; next s2: waiting for the pool to settle'],
  );
  const settled = derive(p, [{ ...record, doneAt: NOW - 20_000 }]);
  assert.equal(actions(settled), ['start-drain s2']);
  assert.equal(phaseOf(settled, 's1'), { phase: 'done', at: NOW - 20_000 });
});

test('windows hold back only the start of a drain: hooks run, returns go on, and watch is told when it opens', () => {
  const p = roundPool(4, max(2));
  const closed: WindowVerdict = {
    allowed: false,
    opens: NOW + 60_000,
    zone: 'Europe/Berlin',
    text: 'opens Tue 22:00 Europe/Berlin, in 1m',
  };
  const r = derive(
    p,
    [{ server: 's1', drainStartedAt: NOW - 1000 }],
    { s1: paused(0) },
    { window: closed },
  );
  assert.equal(actions(r), ['run-hook s1']);
  assert.equal(phaseOf(r, 's2'), {
    phase: 'waiting-window',
    message: 'opens Tue 22:00 Europe/Berlin, in 1m',
    opens: NOW + 60_000,
  });
  assert.is(r.wakeAt, NOW + 60_000);
  const idle = derive(p, [], {}, { window: closed });
  assert.equal(
    [idle.state, roundMessage(idle)],
    ['waiting', '0 of 4 done; next s1: waiting for window: opens Tue 22:00 Europe/Berlin, in 1m'],
  );
});

test('gates: asked before each new drain; Busy waits, go drains', () => {
  const p = roundPool(3, max(1), { gates: [{ kind: 'lync2013-readiness' }] });
  assert.equal(actions(derive(p)), ['check-gates s1']);
  const busy: GateVerdict = { state: 'wait', message: 'lync2013-readiness: Busy', at: NOW };
  const waiting = derive(p, [], {}, { gates: new Map([['s1', busy]]) });
  assert.equal(actions(waiting), []);
  assert.equal(phaseOf(waiting, 's1'), {
    phase: 'blocked-gate',
    message: 'lync2013-readiness: Busy',
    waiting: true,
  });
  assert.equal(
    roundMessage(waiting),
    '0 of 3 done; next s1: blocked by gate: lync2013-readiness: Busy',
  );
  const go = derive(
    p,
    [],
    {},
    { gates: new Map([['s1', { state: 'go', message: 'Ready', at: NOW }]]) },
  );
  assert.equal(actions(go), ['start-drain s1']);
  // With room for two, the second server's gate is asked once the first drain is decided.
  const two = roundPool(3, max(2), { gates: [{ kind: 'command', argv: ['/bin/true'] }] });
  const next = derive(
    two,
    [],
    {},
    { gates: new Map([['s1', { state: 'go', message: 'ok', at: NOW }]]) },
  );
  assert.equal(actions(next), ['start-drain s1', 'check-gates s2']);
});

test('a failed hook stops the round with the server drained; returns and running hooks go on', () => {
  const p = roundPool(5, max(3));
  const r = derive(
    p,
    [
      {
        server: 's1',
        drainStartedAt: 1,
        hookStartedAt: 2,
        hookEndedAt: 3,
        hook: hookFailed,
        attempts: 1,
      },
      { server: 's2', drainStartedAt: 1 },
      { server: 's3', drainStartedAt: 1, hookStartedAt: 2, hookEndedAt: 3, hook: hookOk },
    ],
    { s1: rebooted, s2: paused(0) },
  );
  assert.equal(phaseOf(r, 's1'), {
    phase: 'stalled',
    reason: 'hook-failed',
    message: 'hook failed (exit 3)',
    hook: hookFailed,
  });
  assert.equal(r.modes.get('s1'), 'draining');
  // s2 is drained but its hook waits; s3 returns and is recorded done; s4 does not start.
  assert.equal(actions(r), ['record-done s3']);
  assert.equal(phaseOf(r, 's4'), {
    phase: 'pending',
    message: 'round stopped: hook failed on s1',
  });
  assert.equal([r.state, roundMessage(r)], ['stopped', '0 of 5 done; stopped: hook failed on s1']);
});

test('each waiting server names the one before it; the budget message counts in words that agree', () => {
  const r = derive(roundPool(5, max(2)), [{ server: 's2', doneAt: 5 }]);
  assert.equal(actions(r), ['start-drain s1', 'start-drain s3']);
  assert.equal(phaseOf(r, 's4'), {
    phase: 'pending',
    message: 'waiting for the budget: maxUnavailable 2 allows 2 unavailable, 2 are',
  });
  assert.equal(phaseOf(r, 's5'), { phase: 'pending', message: 'after s4' });
  const one = derive(roundPool(5));
  assert.equal(
    ['s3', 's4', 's5'].map((s) => phaseOf(one, s)),
    [
      { phase: 'pending', message: 'after s2' },
      { phase: 'pending', message: 'after s3' },
      { phase: 'pending', message: 'after s4' },
    ],
  );
});

test('a failed hook says how it failed once', () => {
  const failed = (hook: Partial<RoundRecord['hook']>) =>
    phaseOf(
      derive(roundPool(2), [
        {
          server: 's1',
          drainStartedAt: 1,
          hookStartedAt: 2,
          hookEndedAt: 3,
          hook: {
            ok: false,
            kind: 'Exit',
            exitCode: 3,
            message: 'hook exited with code 3',
            tail: [],
            ...hook,
          },
        },
      ]),
      's1',
    );
  const message = (hook: Partial<RoundRecord['hook']>) => {
    const phase = failed(hook);
    return phase?.phase === 'stalled' ? phase.message : null;
  };
  assert.is(message({}), 'hook failed (exit 3)');
  assert.is(
    message({ kind: 'Signal', exitCode: null, message: 'hook was killed by SIGKILL' }),
    'hook failed: was killed by SIGKILL',
  );
  assert.is(
    message({
      kind: 'Timeout',
      exitCode: null,
      message: 'hook ran longer than its timeout (1m) and was killed',
    }),
    'hook failed: ran longer than its timeout (1m) and was killed',
  );
});

test('servers declared draining are not part of the round and take the budget first; unlisted servers are left alone', () => {
  const p = roundPool(4, max(1), {}, [2]);
  const r = derive(p, [], { s2: paused(0) });
  assert.equal(phaseOf(r, 's2'), {
    phase: 'skipped',
    message: 'declared draining: not part of the rollout',
  });
  assert.equal(actions(r), []);
  const listed = roundPool(4, max(1), { servers: ['s3', 's4'] });
  const only = derive(listed);
  assert.equal(actions(only), ['start-drain s3']);
  assert.equal(
    only.servers.map((s) => s.name),
    ['s3', 's4'],
  );
});

test('a new id starts a new round: records of another id are ignored', () => {
  const p = roundPool(2);
  const old = { ...newRecord('p', 'CHG0', 's1'), drainStartedAt: 1, doneAt: 5 };
  const r = deriveRound({
    pool: p,
    observed: observe([p]).get('p'),
    records: new Map([['s1', old]]),
    window: OPEN,
    gates: new Map(),
    liveHooks: new Set(),
    now: NOW,
  });
  assert.equal(actions(r), ['start-drain s1']);
});

test('an unreachable next server is not skipped: the round waits for it', () => {
  const r = derive(roundPool(3, max(2)), [], { s1: 'unreachable' });
  assert.equal(actions(r), []);
  assert.equal(phaseOf(r, 's1'), { phase: 'pending', message: 'cannot drain: no answer' });
});

test('every server done: the round is done', () => {
  const done = { drainStartedAt: 1, hookStartedAt: 2, hookEndedAt: 3, hook: hookOk, doneAt: 4 };
  const r = derive(roundPool(2), [
    { server: 's1', ...done },
    { server: 's2', ...done },
  ]);
  assert.equal([r.state, roundMessage(r), r.actions], ['done', '2 of 2 done', []]);
});

test.run();
