// serve's poller: a store that changed is put together and published at once; an unchanged one only every
// AGES_REFRESH_MS (its ages), so a large fleet's page is not rebuilt and resent on every poll.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { savePoolViews, storePoller } from '../../reconciler/serve/index.ts';
import { AGES_REFRESH_MS } from '../../reconciler/serve/store-poller.ts';
import { openFolderStore } from '../../reconciler/state/folder/index.ts';
import { poolView, row, viewOf } from '../helpers/builders/fleet-view.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const view = (sessions: number) =>
  viewOf([poolView('fe-east', { 'fe02.contoso.com': [row('RTCSRV', 'Draining', sessions)] })]);

test('an unchanged store is not published again until AGES_REFRESH_MS; a change is, at the next poll', async () => {
  const store = openFolderStore(tempTree({}));
  await savePoolViews(store, view(7), 'apply on a (pid 1)');
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const poller = storePoller({
    store,
    intervalMs: 2_000,
    now: () => clock,
    failing: (message) => assert.unreachable(message),
  });
  const updates: string[] = [];
  poller.surface.subscribe((json) => updates.push(json));
  const sessions = () => poller.surface.view?.pools[0]?.servers[0]?.services[0]?.sessions;
  await poller.poll();
  const first = poller.surface.view?.at;
  assert.is(first, '2026-12-01T10:00:00.000Z');
  assert.is(updates.length, 1, 'the first view is published');
  for (let i = 0; i < 5; i++) {
    clock += 2_000;
    await poller.poll();
  }
  assert.is(poller.surface.view?.at, first, 'nothing changed: not put together again');
  assert.is(updates.length, 1, 'nothing sent to the page');
  await savePoolViews(store, view(6), 'apply on a (pid 1)');
  clock += 2_000;
  await poller.poll();
  assert.is(sessions(), 6, 'a change is published at the next poll');
  assert.is(poller.surface.view?.at, new Date(clock).toISOString());
  assert.is(updates.length, 2);
  clock += AGES_REFRESH_MS;
  await poller.poll();
  assert.is(
    poller.surface.view?.at,
    new Date(clock).toISOString(),
    'unchanged for AGES_REFRESH_MS: put together again, for its ages',
  );
  await poller.stop();
  await store.close();
});

test.run();
