import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mode, ServiceObservation } from '../../reconciler/model.ts';
import { serviceSteps } from '../../reconciler/plan/index.ts';
import { seen } from '../helpers/builders/fleet.ts';

// Every row of DESIGN §3: desired, observed → steps (action:after-status/after-startType).
const rows: [Mode, Partial<ServiceObservation>, string[] | 'waiting' | 'error'][] = [
  ['active', { status: 'Running', startType: 'Automatic' }, []],
  ['active', { status: 'Running', startType: 'AutomaticDelayed' }, []],
  // Running without a drain record: the site's own startup type stays (quiesce puts back only what it changed).
  ['active', { status: 'Running', startType: 'Manual' }, []],
  ['active', { status: 'Running', startType: 'Disabled' }, []],
  // A drain record keeps the startup type seen before the drain: a return restores exactly that.
  [
    'active',
    { status: 'Running', startType: 'Manual', restore: 'AutomaticDelayed' },
    ['set-startup-type:Running/AutomaticDelayed'],
  ],
  [
    'active',
    { status: 'Paused', startType: 'Manual', restore: 'AutomaticDelayed' },
    ['set-startup-type:Paused/AutomaticDelayed', 'resume:Running/AutomaticDelayed'],
  ],
  [
    'active',
    { status: 'Paused', startType: 'Manual', restore: 'Manual' },
    ['resume:Running/Manual'],
  ],
  [
    'active',
    { status: 'Stopped', startType: 'Manual', restore: 'Automatic' },
    ['set-startup-type:Stopped/Automatic', 'start:Running/Automatic'],
  ],
  // A record that does not know (a drain made by hand): Automatic.
  [
    'active',
    { status: 'Running', startType: 'Manual', restore: null },
    ['set-startup-type:Running/Automatic'],
  ],
  [
    'active',
    { status: 'Paused', startType: 'Manual' },
    ['set-startup-type:Paused/Automatic', 'resume:Running/Automatic'],
  ],
  ['active', { status: 'Paused', startType: 'Automatic' }, ['resume:Running/Automatic']],
  [
    'active',
    { status: 'Stopped', startType: 'Manual' },
    ['set-startup-type:Stopped/Automatic', 'start:Running/Automatic'],
  ],
  [
    'active',
    { status: 'Stopped', startType: 'AutomaticDelayed' },
    ['start:Running/AutomaticDelayed'],
  ],
  [
    'draining',
    { status: 'Running', startType: 'Automatic' },
    ['set-startup-type:Running/Manual', 'pause:Paused/Manual'],
  ],
  ['draining', { status: 'Running', startType: 'Manual' }, ['pause:Paused/Manual']],
  ['draining', { status: 'Paused', startType: 'Manual' }, []],
  ['draining', { status: 'Paused', startType: 'Disabled' }, []],
  ['draining', { status: 'Stopped', startType: 'Manual' }, []],
  ['draining', { status: 'Paused', startType: 'Automatic' }, ['set-startup-type:Paused/Manual']],
  [
    'draining',
    { status: 'Stopped', startType: 'AutomaticDelayed' },
    ['set-startup-type:Stopped/Manual'],
  ],
  ['active', { status: 'StartPending' }, 'waiting'],
  ['active', { status: 'StopPending' }, 'waiting'],
  ['draining', { status: 'PausePending' }, 'waiting'],
  ['draining', { status: 'ContinuePending' }, 'waiting'],
  ['draining', { status: 'Running', canPause: false }, 'error'],
  // Drivers without startup types (load balancers) never get set-startup-type steps.
  ['draining', { status: 'Running', startType: null }, ['pause:Paused/null']],
  ['active', { status: 'Paused', startType: null }, ['resume:Running/null']],
];

for (const [desired, observed, expected] of rows) {
  test(`${desired} + ${observed.status}/${observed.startType ?? '-'}${observed.canPause === false ? ' (cannot pause)' : ''}`, () => {
    const verdict = serviceSteps(desired, seen('RTCSRV', observed));
    if (expected === 'waiting' || expected === 'error') return assert.is(verdict.kind, expected);
    assert.is(verdict.kind, 'steps');
    const steps = verdict.kind === 'steps' ? verdict.steps : [];
    assert.equal(
      steps.map((s) => `${s.action}:${s.after.status}/${s.after.startType}`),
      expected,
    );
  });
}

test('a return says where its startup type comes from', () => {
  const notes = (observed: Partial<ServiceObservation>) => {
    const verdict = serviceSteps('active', seen('RTCSRV', observed));
    return verdict.kind === 'steps' ? verdict.steps.map((s) => s.note ?? '-') : [];
  };
  assert.equal(notes({ status: 'Paused', startType: 'Manual', restore: 'AutomaticDelayed' }), [
    'as before its drain: AutomaticDelayed',
    '-',
  ]);
  assert.equal(notes({ status: 'Paused', startType: 'Manual', restore: null }), [
    'no drain record says what it was before: Automatic',
    '-',
  ]);
});

test('a service that cannot be paused says so', () => {
  const verdict = serviceSteps('draining', seen('RTCSRV', { canPause: false }));
  assert.equal(verdict, {
    kind: 'error',
    message: 'RTCSRV cannot be paused (it does not accept pause)',
  });
});

test.run();
