// The state contract on the folder store, plus its own cases (heartbeat takeover).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openFolderStore } from '../../reconciler/state/folder/folder-store.ts';
import { STALE_MS } from '../../reconciler/state/folder/ownership.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { actor, contractSuite } from './contract.ts';

contractSuite({
  name: 'folder',
  open: async () => openFolderStore(tempTree()),
  watchers: 'one',
});

test('folder ownership: a watcher whose heartbeat stopped loses its pools to the next claim', async () => {
  const dir = tempTree();
  let now = 1_000_000;
  const store = openFolderStore(dir, () => now);
  const other = { ...actor('elsewhere', 'watch') };
  const a = value(await store.openWatcher(other));
  const b = value(await store.openWatcher(actor('m2', 'watch')));
  assert.equal(value(await a.claim(['p1'])), ['p1']);
  now += STALE_MS - 1;
  assert.equal(value(await b.claim(['p1'])), [], 'not yet stale');
  now += 2;
  assert.equal(value(await b.claim(['p1'])), ['p1'], 'taken over');
  assert.equal(
    value(await store.owners()).map((o) => o.watcher.id),
    [b.id],
  );
  assert.equal(value(await a.claim(['p1'])), [], 'the old owner sees it lost the pool');
});

test.run();

test('folder store: the watcher guard is <state-dir>/lock and the notification memory <state-dir>/notifications.json, as before', async () => {
  const dir = tempTree();
  const store = openFolderStore(dir);
  const guard = value(await store.guardWatcher(actor('m1', 'watch')));
  assert.is(JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')).command, 'watch');
  await guard.release();
  assert.not.ok(existsSync(join(dir, 'lock')));
  const memory = { active: {}, sent: ['p/fe01.x|Drained|r1'] };
  value(await store.writeNotified(memory));
  assert.equal(JSON.parse(readFileSync(join(dir, 'notifications.json'), 'utf8')), memory);
  writeFileSync(join(dir, 'notifications.json'), '{not json');
  assert.is(value(await store.readNotified()), null, 'unreadable: a restart starts afresh');
});
