// One contract for every StateStore: the folder store and PostgreSQL must pass the same tests.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Actor } from '../../reconciler/actor.ts';
import type { AuditEntry, AuditRecord, StepRecord } from '../../reconciler/audit-record.ts';
import type { StateStore } from '../../reconciler/state/store.ts';
import type { Fact, NotifyMemory } from '../../reconciler/status/notified.ts';
import type { WatchStatus } from '../../reconciler/status/types.ts';
import { error, value } from '../helpers/builders/result.ts';

type StoreUnderTest = StateStore;

/** How a backend makes a fresh, empty store. */
export interface ContractBackend {
  name: string;
  open(): Promise<StateStore>;
  /** How many watchers the store takes at once: one (the folder store's guard) or many (they share pools). */
  watchers: 'one' | 'many';
}

/** An actor for tests. */
export const actor = (host: string, command = 'apply'): Actor => ({
  host,
  pid: 4242,
  command,
  ciJobUrl: `https://ci.example.com/jobs/${host}`,
});

/** A step record for tests. */
export function step(pool: string, server: string, time: string): StepRecord {
  return {
    time,
    revision: { id: 'main@sha1:abc', author: 'Ann', subject: 'drain' },
    pool,
    server,
    service: 'RTCSRV',
    action: 'pause',
    before: { status: 'Running', startType: 'Manual' },
    after: { status: 'Paused', startType: 'Manual' },
    outcome: 'ok',
    error: null,
    durationMs: 12,
  };
}

/** Registers and runs the contract suite against one backend. */
export function contractSuite(backend: ContractBackend): void {
  const test = suite(`state contract: ${backend.name}`);
  const stores: StoreUnderTest[] = [];
  const open = async () => {
    const store = await backend.open();
    stores.push(store);
    return store;
  };
  test.after(async () => {
    for (const store of stores) await store.close();
  });

  test('drain records: the first start wins until cleared; pools are apart', async () => {
    const store = await open();
    const key = { pool: 'fe-east', server: 'fe02.x', service: 'RTCSRV' };
    value(await store.recordDrain({ ...key, began: '2026-01-01T01:00:00.000Z', source: 'paused' }));
    value(
      await store.recordDrain({ ...key, began: '2026-01-01T02:00:00.000Z', source: 'observed' }),
    );
    value(
      await store.recordDrain({
        ...key,
        service: 'RTCMEDSRV',
        began: '2026-01-01T03:00:00.000Z',
        source: 'observed',
      }),
    );
    value(
      await store.recordDrain({
        ...key,
        pool: 'fe-west',
        began: '2026-01-01T04:00:00.000Z',
        source: 'paused',
      }),
    );
    const drains = value(await store.drains('fe-east'));
    assert.equal(
      drains.map((d) => [d.service, d.began, d.source]),
      [
        ['RTCMEDSRV', '2026-01-01T03:00:00.000Z', 'observed'],
        ['RTCSRV', '2026-01-01T01:00:00.000Z', 'paused'],
      ],
    );
    assert.equal(
      drains[1]?.startType ?? null,
      null,
      'a record without a startup type reads as unknown',
    );
    value(await store.clearDrain(key));
    value(await store.clearDrain(key));
    assert.equal(
      value(await store.drains('fe-east')).map((d) => d.service),
      ['RTCMEDSRV'],
    );
    assert.equal(value(await store.drains('fe-west')).length, 1);
    assert.equal(value(await store.drains('nowhere')), []);
  });

  test('snapshots: the last one per pool, with time and observer', async () => {
    const store = await open();
    const servers = {
      'fe01.x': {
        ok: true as const,
        services: [
          {
            name: 'RTCSRV',
            status: 'Running' as const,
            startType: 'Automatic' as const,
            canPause: true,
            sessions: 3,
            since: null,
          },
        ],
      },
      'fe02.x': {
        ok: false as const,
        error: { kind: 'Unreachable' as const, transient: true, message: 'no route' },
      },
    };
    value(
      await store.saveSnapshot({
        pool: 'b',
        at: '2026-01-01T00:00:00.000Z',
        observer: actor('r1'),
        servers,
        status: null,
      }),
    );
    value(
      await store.saveSnapshot({
        pool: 'a',
        at: '2026-01-01T00:00:00.000Z',
        observer: actor('r1'),
        servers: {},
        status: { sessions: 1 },
      }),
    );
    value(
      await store.saveSnapshot({
        pool: 'b',
        at: '2026-01-02T00:00:00.000Z',
        observer: actor('r2'),
        servers,
        status: { sessions: 3 },
      }),
    );
    const all = value(await store.snapshots());
    assert.equal(
      all.map((s) => s.pool),
      ['a', 'b'],
    );
    assert.equal(all[1]?.at, '2026-01-02T00:00:00.000Z');
    assert.equal(all[1]?.observer, actor('r2'));
    assert.equal(all[1]?.servers, servers);
    assert.equal(all[1]?.status, { sessions: 3 });
    assert.equal(
      value(await store.snapshots(['b', 'zz'])).map((s) => s.pool),
      ['b'],
    );
  });

  test('recordStep: steps and maintenance actions in the audit; a pause opens a drain, a resume closes it', async () => {
    const store = await open();
    const paused = step('fe-east', 'fe02.x', '2026-01-01T10:00:00.000Z');
    const hook: AuditEntry = {
      ...step('fe-east', 'fe02.x', '2026-01-01T10:05:00.000Z'),
      service: 'maintenance',
      action: 'run-hook',
      before: null,
      after: null,
      maintenance: { id: 'fe-east/2026-01', exitCode: 0, tail: ['patched'] },
    };
    const resumed = {
      ...step('fe-east', 'fe02.x', '2026-01-01T10:10:00.000Z'),
      action: 'resume' as const,
    };
    // Side by side, as concurrent servers' steps are (PostgreSQL writes them in one statement).
    const written = await Promise.all([
      store.recordStep(paused),
      store.recordStep({ ...paused, server: 'fe03.x' }),
    ]);
    for (const done of written) value(done);
    assert.equal(
      value(await store.drains('fe-east')).map((d) => [d.server, d.began, d.source]),
      [
        ['fe02.x', '2026-01-01T10:00:00.000Z', 'paused'],
        ['fe03.x', '2026-01-01T10:00:00.000Z', 'paused'],
      ],
    );
    assert.equal(
      value(await store.drains('fe-east')).map((d) => d.startType),
      [paused.before.startType, paused.before.startType],
      'the drain record keeps the startup type seen before the pause',
    );
    value(await store.recordStep(hook));
    value(await store.recordStep(resumed));
    assert.equal(
      value(await store.drains('fe-east')).map((d) => d.server),
      ['fe03.x'],
    );
    assert.equal(value(await store.queryAudit({ server: 'fe02.x' })), [paused, hook, resumed]);
  });

  test('recordStep: a drain that begins with startup type Manual keeps the one before it; the pause does not overwrite it', async () => {
    const store = await open();
    const base = step('fe-south', 'fe02.x', '2026-01-01T10:00:00.000Z');
    const manual: AuditEntry = {
      ...base,
      action: 'set-startup-type',
      before: { status: 'Running', startType: 'AutomaticDelayed' },
      after: { status: 'Running', startType: 'Manual' },
    };
    const pause: AuditEntry = {
      ...base,
      time: '2026-01-01T10:00:01.000Z',
      action: 'pause',
      before: { status: 'Running', startType: 'Manual' },
      after: { status: 'Paused', startType: 'Manual' },
    };
    value(await store.recordStep(manual));
    value(await store.recordStep(pause));
    assert.equal(
      value(await store.drains('fe-south')).map((d) => [d.began, d.startType]),
      [['2026-01-01T10:00:00.000Z', 'AutomaticDelayed']],
    );
  });

  test('keyed records: put, get, list by key, delete', async () => {
    const store = await open();
    value(
      await store.putRecord('rollout', 'fe-east/2026-11', { phase: 'draining', server: 'fe02' }),
    );
    value(await store.putRecord('rollout', 'a', 1));
    value(await store.putRecord('rollout', 'a', 2));
    value(await store.putRecord('other', 'a', 3));
    assert.equal(value(await store.getRecord('rollout', 'fe-east/2026-11'))?.value, {
      phase: 'draining',
      server: 'fe02',
    });
    assert.equal(
      value(await store.listRecords('rollout')).map((r) => [r.key, r.value]),
      [
        ['a', 2],
        ['fe-east/2026-11', { phase: 'draining', server: 'fe02' }],
      ],
    );
    value(await store.deleteRecord('rollout', 'a'));
    value(await store.deleteRecord('rollout', 'a'));
    assert.is(value(await store.getRecord('rollout', 'a')), null);
    assert.equal(value(await store.listRecords('none')), []);
  });

  test('keyed records: puts made at once all land, the last per key wins (as one after the other)', async () => {
    const store = await open();
    const puts = await Promise.all([
      store.putRecord('pool-view', 'p1', { n: 1 }),
      store.putRecord('pool-view', 'p2', { n: 1 }),
      store.putRecord('pool-view', 'p1', { n: 2 }),
      store.putRecord('notify-memory', 'p1', 'other kind'),
      store.putRecord('pool-view', 'p1', { n: 3 }),
    ]);
    for (const put of puts) value(put);
    assert.equal(
      value(await store.listRecords('pool-view')).map((r) => [r.key, r.value]),
      [
        ['p1', { n: 3 }],
        ['p2', { n: 1 }],
      ],
    );
    assert.is(value(await store.getRecord('notify-memory', 'p1'))?.value, 'other kind');
  });

  test('ownership: each pool owned once; closing frees pools for others; owners lists them', async () => {
    const store = await open();
    const a = value(await store.openWatcher(actor('m1', 'watch')));
    const b = value(await store.openWatcher(actor('m2', 'watch')));
    assert.equal(value(await a.claim(['p1', 'p2'])), ['p1', 'p2']);
    assert.equal(value(await b.claim(['p1', 'p2', 'p3'])), ['p3']);
    assert.equal(value(await a.claim(['p1', 'p2', 'p3'])), ['p1', 'p2']);
    const owners = value(await store.owners());
    assert.equal(
      owners.map((o) => [o.pool, o.watcher.host, o.watcher.id]),
      [
        ['p1', 'm1', a.id],
        ['p2', 'm1', a.id],
        ['p3', 'm2', b.id],
      ],
    );
    assert.ok(await a.alive());
    assert.equal(value(await a.claim(['p1', 'p3'])), ['p1'], 'a lets go of p2');
    assert.equal(value(await b.claim(['p1', 'p2', 'p3'])), ['p2', 'p3']);
    await a.close();
    assert.equal(value(await b.claim(['p1', 'p2', 'p3'])), ['p1', 'p2', 'p3']);
    assert.equal(
      value(await store.owners()).map((o) => o.watcher.id),
      [b.id, b.id, b.id],
    );
    await b.close();
    assert.equal(value(await store.owners()), []);
  });

  test('audit query: pool, server and since filters, oldest first', async () => {
    const store = await open();
    const records: AuditRecord[] = [
      step('fe-east', 'fe01.x', '2026-01-01T00:00:00.000Z'),
      step('fe-east', 'fe02.x', '2026-01-02T00:00:00.000Z'),
      step('fe-west', 'fe02.x', '2026-01-03T00:00:00.000Z'),
      {
        time: '2026-01-04T00:00:00.000Z',
        pool: 'fe-east',
        action: 'force-unlock',
        by: actor('ops'),
        holder: {
          ...actor('r9'),
          pool: 'fe-east',
          id: 'x1',
          revision: null,
          since: '2026-01-03T00:00:00.000Z',
        },
      },
    ];
    for (const record of records) value(await store.appendAudit(record));
    const times = async (query: Parameters<StoreUnderTest['queryAudit']>[0]) =>
      value(await store.queryAudit(query)).map((r) => r.time.slice(0, 10));
    assert.equal(await times({}), ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    assert.equal(await times({ pool: 'fe-east' }), ['2026-01-01', '2026-01-02', '2026-01-04']);
    assert.equal(await times({ server: 'fe02.x' }), ['2026-01-02', '2026-01-03']);
    assert.equal(await times({ pool: 'fe-east', server: 'fe02.x' }), ['2026-01-02']);
    assert.equal(await times({ since: '2026-01-02T00:00:00.000Z' }), [
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
    assert.equal(await times({ pool: 'nowhere' }), []);
    assert.equal(value(await store.queryAudit({ server: 'fe01.x' }))[0], records[0]);
  });

  lockContract(test, open);
  watchContract(test, open, backend.watchers);
  test.run();
}

type Test = ReturnType<typeof suite>;

function lockContract(test: Test, open: () => Promise<StoreUnderTest>): void {
  const request = (pool: string, host: string, timeoutMs = 0) => ({
    pool,
    actor: actor(host),
    revision: 'main@sha1:abc',
    timeoutMs,
  });

  test('lock: one holder per pool, named with host, pid, job, revision and id; pools apart', async () => {
    const store = await open();
    const first = value(await store.acquireLock(request('fe-east', 'runner-1')));
    const second = error(await store.acquireLock(request('fe-east', 'runner-2')));
    assert.is(second.kind, 'Locked');
    for (const part of [
      'runner-1',
      'pid 4242',
      'https://ci.example.com/jobs/runner-1',
      'main@sha1:abc',
      first.holder.id,
      'quiesce unlock fe-east --force --id',
    ])
      assert.ok(second.message.includes(part), `${second.message} names ${part}`);
    const other = value(await store.acquireLock(request('fe-west', 'runner-2')));
    assert.equal(
      value(await store.lockHolders()).map((h) => [h.pool, h.host]),
      [
        ['fe-east', 'runner-1'],
        ['fe-west', 'runner-2'],
      ],
    );
    assert.ok(await first.alive());
    value(await first.release());
    assert.not.ok(await first.alive());
    const third = value(await store.acquireLock(request('fe-east', 'runner-3')));
    assert.is.not(third.holder.id, first.holder.id);
    value(await third.release());
    value(await other.release());
    assert.equal(value(await store.lockHolders()), []);
  });

  test('lock: waits up to the timeout for the holder to finish', async () => {
    const store = await open();
    const first = value(await store.acquireLock(request('fe-east', 'runner-1')));
    setTimeout(() => void first.release(), 300);
    const started = Date.now();
    const second = value(await store.acquireLock(request('fe-east', 'runner-2', 5_000)));
    assert.ok(Date.now() - started >= 250, 'waited for the release');
    value(await second.release());
    const held = value(await store.acquireLock(request('fe-east', 'runner-1')));
    const late = error(await store.acquireLock(request('fe-east', 'runner-2', 300)));
    assert.is(late.kind, 'Locked');
    value(await held.release());
  });

  test('force-unlock: needs the right id, frees the pool, fences the old holder, is audited', async () => {
    const store = await open();
    const stuck = value(await store.acquireLock(request('fe-east', 'runner-1')));
    assert.is(
      error(await store.forceUnlock('fe-east', 'not-the-id', actor('ops', 'unlock'))).kind,
      'NoSuchLock',
    );
    assert.ok(await stuck.alive());
    const freed = value(
      await store.forceUnlock('fe-east', stuck.holder.id, actor('ops', 'unlock')),
    );
    assert.is(freed.host, 'runner-1');
    const next = value(await store.acquireLock(request('fe-east', 'runner-2')));
    assert.not.ok(await stuck.alive(), 'the old holder is fenced');
    assert.is(error(await stuck.release()).kind, 'LockLost');
    const audit = value(await store.queryAudit({ pool: 'fe-east' }));
    assert.equal(
      audit.map((r) => r.action),
      ['force-unlock'],
    );
    value(await next.release());
  });
}

/** What watch remembers: the status document, the notification memory, the watcher guard. */
function watchContract(
  test: Test,
  open: () => Promise<StoreUnderTest>,
  watchers: ContractBackend['watchers'],
): void {
  test('status document: null at first; the last write is read back whole', async () => {
    const store = await open();
    assert.is(value(await store.readStatus()), null);
    const status: WatchStatus = {
      formatVersion: 1,
      source: 'desired-state/',
      mode: 'apply',
      lastAppliedRevision: { id: 'main@sha1:abc', author: 'Ann', subject: 'drain', at: 'T1' },
      lastAttemptedRevision: null,
      conditions: [{ type: 'Ready', status: true, reason: 'Applied', message: 'ok' }],
      pools: [],
      lastReconcile: { at: 'T2', durationMs: 12, executed: 1 },
    };
    value(await store.writeStatus({ ...status, mode: 'monitor' }));
    value(await store.writeStatus(status));
    assert.equal(value(await store.readStatus()), status);
  });

  test('notification memory: null at first; the last write is read back', async () => {
    const store = await open();
    assert.is(value(await store.readNotified()), null);
    const fact: Fact = {
      reason: 'Stalled',
      pool: 'p',
      server: 'fe01.x',
      object: 'p/fe01.x',
      message: 'stalled',
      revision: 'main@sha1:abc',
    };
    value(await store.writeNotified({ active: {}, sent: ['a|Drained|r1'] }));
    const memory: NotifyMemory = { active: { 'p/fe01.x|Stalled': fact }, sent: ['x|Stalled|r1'] };
    value(await store.writeNotified(memory));
    assert.equal(value(await store.readNotified()), memory);
  });

  test(`watch guard: released and taken again; ${watchers === 'one' ? 'a second watcher is refused, naming the first' : 'several watchers at once (they share pools by ownership)'}`, async () => {
    const store = await open();
    const first = value(await store.guardWatcher(actor('m1', 'watch')));
    const second = await store.guardWatcher(actor('m1', 'watch'));
    if (watchers === 'one') {
      const refused = error(second);
      assert.is(refused.kind, 'Locked');
      assert.match(refused.message, /another watch holds .*\(id [0-9a-f-]+, pid \d+ on /);
    } else await value(second).release();
    await first.release();
    await value(await store.guardWatcher(actor('m1', 'watch'))).release();
  });
}
