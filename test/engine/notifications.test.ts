// Watch's notifications remember what they sent through the store: a restarted watcher (a new
// watchNotifications on the same store) sends nothing twice, on the folder store and on PostgreSQL.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { watchNotifications } from '../../reconciler/engine/notifications.ts';
import type { DesiredState, NotificationSpec } from '../../reconciler/model.ts';
import { openFolderStore } from '../../reconciler/state/folder/folder-store.ts';
import { openPostgresStore } from '../../reconciler/state/postgres/postgres-store.ts';
import type { StateStore } from '../../reconciler/state/store.ts';
import { poolView, row, viewOf } from '../helpers/builders/fleet-view.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { postgresCluster } from '../helpers/harnesses/postgres.ts';
import { startReceiver } from '../helpers/harnesses/webhook-receiver.ts';

const spec: NotificationSpec = {
  name: 'ops',
  source: { file: 'ops.yaml', line: 1, column: 1 },
  events: ['Blocked', 'Recovered'],
  pools: null,
  format: 'generic',
  urlEnv: 'OPS_HOOK',
};
const desired: DesiredState = { pools: [], files: [], notifications: [spec] };
const calm = viewOf([poolView('p', { 'fe01.x': [row('RTCSRV', 'Active', 3)] })]);
const blocked = viewOf([
  poolView(
    'p',
    { 'fe01.x': [row('RTCSRV', 'Active', 3)] },
    { blocked: [{ server: 'fe01.x', rule: 'maxUnavailable', message: 'budget spent' }] },
  ),
]);

/** Runs one watcher's notifications over `views`, then stops it (waiting for deliveries). */
async function watcher(store: StateStore, url: string, ...views: (typeof calm)[]) {
  const warnings: string[] = [];
  const notifications = await watchNotifications({
    store,
    env: { OPS_HOOK: url },
    source: 'desired-state/',
    onFailure: () => assert.unreachable('a delivery failed'),
    warn: (line) => warnings.push(line),
    now: () => Date.parse('2026-11-28T13:00:00Z'),
  });
  notifications.follow(desired);
  for (const view of views) notifications.notify(view);
  await notifications.close(10_000);
  assert.equal(warnings, []);
}

const backends: { name: string; open(): Promise<StateStore> }[] = [
  { name: 'folder', open: async () => openFolderStore(tempTree()) },
  {
    name: 'postgres',
    open: async () =>
      value(await openPostgresStore({ url: await (await postgresCluster()).freshDatabase() })),
  },
];

for (const backend of backends) {
  const test = suite(`notifications memory: ${backend.name}`);
  test('a restarted watcher repeats nothing, and sends the recovery once', async () => {
    const receiver = await startReceiver();
    const store = await backend.open();
    try {
      await watcher(store, receiver.url, calm, blocked);
      assert.equal(
        receiver.bodies.map((b) => b.reason),
        ['Blocked'],
      );
      assert.ok(value(await store.readNotified())?.sent.some((key) => key.includes('Blocked')));
      await watcher(store, receiver.url, blocked);
      assert.is(receiver.bodies.length, 1, 'the restarted watcher remembers the Blocked it sent');
      await watcher(store, receiver.url, calm);
      await watcher(store, receiver.url, calm, blocked, calm);
      assert.equal(
        receiver.bodies.map((b) => b.reason),
        ['Blocked', 'Recovered'],
        'once per (object, reason, revision), across restarts',
      );
    } finally {
      await store.close();
      await receiver.close();
    }
  });
  test('views in one burst: one memory write, of the last memory', async () => {
    const receiver = await startReceiver();
    const store = await backend.open();
    const written: unknown[] = [];
    const counting: StateStore = {
      ...store,
      writeNotified: (memory) => {
        written.push(memory);
        return store.writeNotified(memory);
      },
    };
    try {
      await watcher(counting, receiver.url, calm, blocked, calm, blocked);
      assert.is(written.length, 1, 'four views in one turn: one write (was one per view)');
      assert.equal(value(await store.readNotified()), written[0]);
      await watcher(store, receiver.url, blocked);
      assert.equal(
        receiver.bodies.map((b) => b.reason),
        ['Blocked', 'Recovered'],
        'the memory kept is the last one: the restarted watcher sends nothing again',
      );
    } finally {
      await store.close();
      await receiver.close();
    }
  });
  test.run();
}
