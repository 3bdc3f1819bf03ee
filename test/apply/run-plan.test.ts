// run-plan: the drains a pass begins are intended once, before its first step; a refused intent runs nothing.
import { okAsync } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runPlan } from '../../reconciler/apply/run-plan.ts';
import type { StepRecord } from '../../reconciler/audit-record.ts';
import type { Driver } from '../../reconciler/drivers/driver.ts';
import type { ServiceObservation, Step } from '../../reconciler/model.ts';
import type { Change } from '../../reconciler/plan/index.ts';

/** A driver whose services take every step at once; `calls` lists them in order. */
function fakeDriver(calls: string[]): Driver {
  const state = new Map<string, ServiceObservation>();
  const at = (server: string, name: string): ServiceObservation =>
    state.get(`${server}/${name}`) ?? {
      name,
      status: 'Running',
      startType: 'Automatic',
      canPause: true,
      sessions: 0,
      since: null,
    };
  return {
    observe: (server, services) => okAsync(services.map((name) => at(server, name))),
    run(server, service, step: Step) {
      calls.push(`run ${server} ${service} ${step.action}`);
      const now = at(server, service);
      state.set(
        `${server}/${service}`,
        step.action === 'pause'
          ? { ...now, status: 'Paused' }
          : step.action === 'set-startup-type'
            ? { ...now, startType: step.startType }
            : now,
      );
      return okAsync(undefined);
    },
    close: async () => {},
  };
}

const drain = (server: string, service: string): Change[] => [
  {
    pool: 'fe',
    server,
    service,
    action: 'set-startup-type',
    before: { status: 'Running', startType: 'Automatic' },
    after: { status: 'Running', startType: 'Manual' },
    reason: 'draining',
  },
  {
    pool: 'fe',
    server,
    service,
    action: 'pause',
    before: { status: 'Running', startType: 'Manual' },
    after: { status: 'Paused', startType: 'Manual' },
    reason: 'draining',
  },
];

const context = (calls: string[], intend: (steps: readonly StepRecord[]) => Promise<boolean>) => ({
  pools: [],
  drivers: new Map([['fe', fakeDriver(calls)]]),
  concurrency: 2,
  retry: { attempts: 1, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 },
  audit: (entry: { server: string; service: string; action: string }) =>
    void calls.push(`audit ${entry.server} ${entry.service} ${entry.action}`),
  revision: null,
  now: () => Date.parse('2026-12-06T12:00:00Z'),
  intend,
});

test('one intent before the first step, with the first step of each server’s service', async () => {
  const calls: string[] = [];
  const changes = [
    ...drain('fe01', 'RTCSRV'),
    ...drain('fe01', 'RTCMEDSRV'),
    ...drain('fe02', 'RTCSRV'),
  ];
  const result = await runPlan(
    changes,
    context(calls, async (steps) => {
      calls.push(`intend ${steps.map((s) => `${s.server} ${s.service} ${s.action}`).join(', ')}`);
      return true;
    }),
  );
  assert.is(result.executed, 6);
  assert.is(
    calls[0],
    'intend fe01 RTCSRV set-startup-type, fe01 RTCMEDSRV set-startup-type, fe02 RTCSRV set-startup-type',
  );
  assert.is(calls.filter((c) => c.startsWith('intend')).length, 1);
  assert.is(calls.filter((c) => c.startsWith('run')).length, 6);
});

test('servers past the first `concurrency` are intended while those step, before their own first step', async () => {
  const calls: string[] = [];
  const changes = [...drain('fe01', 'RTCSRV'), ...drain('fe02', 'RTCSRV')];
  const result = await runPlan(changes, {
    ...context(calls, async (steps) => {
      calls.push(`intend ${steps.map((s) => s.server).join(', ')}`);
      return true;
    }),
    concurrency: 1,
  });
  assert.is(result.executed, 4);
  assert.is(calls[0], 'intend fe01');
  assert.is(calls[1], 'intend fe02');
  assert.ok(calls.indexOf('intend fe02') < calls.indexOf('run fe02 RTCSRV set-startup-type'));
});

test('a refused intent for the later servers stops them, not the first ones', async () => {
  const calls: string[] = [];
  let asked = 0;
  const result = await runPlan([...drain('fe01', 'RTCSRV'), ...drain('fe02', 'RTCSRV')], {
    ...context(calls, async () => ++asked === 1),
    concurrency: 1,
  });
  assert.is(result.executed, 2);
  assert.is(result.interrupted, true);
  assert.equal(
    calls.filter((c) => c.startsWith('run')),
    ['run fe01 RTCSRV set-startup-type', 'run fe01 RTCSRV pause'],
  );
});

test('a refused intent runs no step and says the pass was interrupted', async () => {
  const calls: string[] = [];
  const result = await runPlan(
    drain('fe01', 'RTCSRV'),
    context(calls, async () => false),
  );
  assert.equal(result, { executed: 0, failures: [], interrupted: true });
  assert.equal(calls, []);
});

test('nothing to run asks for no intent', async () => {
  const calls: string[] = [];
  let asked = false;
  await runPlan(
    [],
    context(calls, async () => {
      asked = true;
      return true;
    }),
  );
  assert.is(asked, false);
});

test.run();
