import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveEvents, emptyMemory, type Fact, factsOf } from '../../reconciler/notify/index.ts';
import type { FleetView, PoolView } from '../../reconciler/report/fleet-view.ts';
import { viewOf } from '../helpers/builders/fleet-view.ts';

const fact = (reason: Fact['reason'], server: string, revision = 'r1'): Fact => ({
  reason,
  pool: 'fe-east',
  server,
  object: `fe-east/${server}`,
  message: `${server} ${reason}`,
  revision,
});

/** Runs rounds of facts through derivation; returns the events of each round as "reason object revision". */
function rounds(...steps: { facts: Fact[]; applied?: string; attempted?: string }[]): string[][] {
  let memory = emptyMemory();
  return steps.map(({ facts, applied = 'r1', attempted = applied }) => {
    const out = deriveEvents(memory, facts, { applied, attempted }, 0);
    memory = out.memory;
    return out.events.map(
      (e) => `${e.reason}${e.cleared ? `(${e.cleared})` : ''} ${e.object} ${e.revision}`,
    );
  });
}

test('a condition is sent once while it lasts, and a Recovered when it clears', () => {
  const blocked = fact('Blocked', 'fe02');
  assert.equal(
    rounds({ facts: [blocked] }, { facts: [blocked] }, { facts: [blocked] }, { facts: [] }),
    [['Blocked fe-east/fe02 r1'], [], [], ['Recovered(Blocked) fe-east/fe02 r1']],
  );
});

test('a condition that flaps within one revision is not sent again; a new revision may send it', () => {
  const stalled = fact('Stalled', 'fe02');
  assert.equal(
    rounds(
      { facts: [stalled] },
      { facts: [] },
      { facts: [stalled] },
      { facts: [] },
      { facts: [fact('Stalled', 'fe02', 'r2')], applied: 'r2' },
    ),
    [
      ['Stalled fe-east/fe02 r1'],
      ['Recovered(Stalled) fe-east/fe02 r1'],
      [],
      [],
      ['Stalled fe-east/fe02 r2'],
    ],
  );
});

test('a condition that lasts across a new revision is not repeated; Drained never "recovers"', () => {
  assert.equal(
    rounds(
      { facts: [fact('Drained', 'fe02'), fact('Blocked', 'fe03')] },
      { facts: [fact('Drained', 'fe02', 'r2'), fact('Blocked', 'fe03', 'r2')], applied: 'r2' },
      { facts: [], applied: 'r3' },
    ),
    [
      ['Drained fe-east/fe02 r1', 'Blocked fe-east/fe03 r1'],
      [],
      ['Recovered(Blocked) fe-east/fe03 r3'],
    ],
  );
});

const pool = (servers: PoolView['servers'], extra: Partial<PoolView> = {}): PoolView => ({
  name: 'fe-east',
  suspended: false,
  servers,
  blocked: [],
  errors: [],
  waiting: [],
  changes: 0,
  rollout: null,
  windows: null,
  recorded: null,
  ...extra,
});

const service = (
  name: string,
  health: 'Drained' | 'Draining' | 'Stalled' | 'Active',
  sessions: number,
) => ({
  name,
  desired: health === 'Active' ? ('active' as const) : ('draining' as const),
  status: 'Paused' as const,
  startType: 'Manual' as const,
  sessions,
  since: null,
  sync: 'Synced' as const,
  health,
});

test('facts of a view: invalid revision, blocked, driver errors, stalled and drained servers', () => {
  const server = (name: string, services: ReturnType<typeof service>[]) => ({
    name,
    mode: 'draining' as const,
    reason: 'CHG1',
    reachable: true,
    error: null,
    services,
  });
  const view: FleetView = {
    formatVersion: 1,
    at: '',
    source: 'desired-state',
    mode: 'apply',
    conditions: [],
    lastAppliedRevision: { id: 'r1', author: null, subject: null, at: '' },
    lastAttemptedRevision: {
      id: 'r2',
      author: null,
      subject: null,
      at: '',
      errors: [{ code: 'schema', file: 'fe.yaml', line: 3, column: 5, message: 'bad', hint: null }],
    },
    lastReconcile: null,
    notifications: [],
    pools: [
      pool(
        [
          server('fe01', [service('RTCSRV', 'Drained', 0), service('RTCCAA', 'Active', 3)]),
          server('fe02', [service('RTCSRV', 'Stalled', 4)]),
          server('fe03', [service('RTCSRV', 'Draining', 2)]),
        ],
        {
          blocked: [{ server: 'fe04', rule: 'maxUnavailable', message: 'too many out' }],
          errors: [{ server: 'fe05', service: null, kind: 'Unreachable', message: 'no route' }],
        },
      ),
    ],
  };
  assert.equal(
    factsOf(view).map((f) => `${f.reason} ${f.object} ${f.revision}`),
    [
      'ValidationFailed revision r2',
      'Blocked fe-east/fe04 r1',
      'DriverErrors fe-east/fe05 r1',
      'Drained fe-east/fe01 r1',
      'Stalled fe-east/fe02 r1',
    ],
  );
  assert.match(factsOf(view)[0]?.message ?? '', 'fe.yaml:3:5 bad');
});

test('a failed hook is HookFailed (not DriverErrors); a finished round is MaintenanceDone, once per round', () => {
  const rollout = (state: 'running' | 'stopped' | 'done', id = 'CHG0042') => ({
    pool: 'fe-east',
    id,
    state,
    message: '3 of 3 done',
    window: 'no windows: always allowed',
    servers: [],
    next: [],
  });
  const hookFailed = {
    server: 'fe02',
    service: null,
    kind: 'HookFailed',
    message: 'round CHG0042: hook failed (exit 3)',
  };
  const viewWith = (extra: Partial<PoolView>): FleetView =>
    viewOf([pool([], extra)], {
      lastAppliedRevision: { id: 'r1', author: null, subject: null, at: '' },
    });
  const stopped = factsOf(viewWith({ rollout: rollout('stopped'), errors: [hookFailed] }));
  assert.equal(
    stopped.map((f) => `${f.reason} ${f.object}`),
    ['HookFailed fe-east/fe02'],
  );
  assert.match(stopped[0]?.message ?? '', 'hook failed (exit 3)');
  const done = factsOf(viewWith({ rollout: rollout('done') }));
  assert.equal(
    done.map((f) => `${f.reason} ${f.object} ${f.server}`),
    ['MaintenanceDone fe-east/CHG0042 null'],
  );
  assert.match(done[0]?.message ?? '', 'maintenance CHG0042 of pool fe-east is done');
  // Failed, retried and done; done again next round; a new round done later: one event each.
  let memory = emptyMemory();
  const events = [
    stopped,
    stopped,
    done,
    done,
    factsOf(viewWith({ rollout: rollout('done', 'CHG0043') })),
  ].map((facts) => {
    const out = deriveEvents(memory, facts, { applied: 'r1', attempted: 'r1' }, 0);
    memory = out.memory;
    return out.events.map((e) => `${e.reason}${e.cleared ? `(${e.cleared})` : ''} ${e.object}`);
  });
  assert.equal(events, [
    ['HookFailed fe-east/fe02'],
    [],
    ['MaintenanceDone fe-east/CHG0042', 'Recovered(HookFailed) fe-east/fe02'],
    [],
    ['MaintenanceDone fe-east/CHG0043'],
  ]);
});

test.run();
