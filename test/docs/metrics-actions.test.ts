// docs/surfaces.md lists every `action` value quiesce_steps_total can carry: every audited step and round action.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MaintenanceAction } from '../../reconciler/audit-record.ts';
import type { Action } from '../../reconciler/model.ts';

// A Record over the union: a new action that is not listed here fails to typecheck.
const ACTIONS: Record<Action | MaintenanceAction, true> = {
  'set-startup-type': true,
  pause: true,
  resume: true,
  start: true,
  stop: true,
  'graceful-stop': true,
  failover: true,
  failback: true,
  'start-drain': true,
  'run-hook': true,
  'record-done': true,
  'retry-hook': true,
};

test('the quiesce_steps_total row names every action', () => {
  const row = readFileSync('docs/surfaces.md', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('| `quiesce_steps_total`'));
  assert.ok(row !== undefined, 'docs/surfaces.md has a quiesce_steps_total row');
  for (const action of Object.keys(ACTIONS))
    assert.ok(row?.includes(`\`${action}\``), `quiesce_steps_total's row lists ${action}`);
});

test.run();
