// Pool views in the store: one record per pool; the watcher's writer keeps only the latest view, warns once.
import { err, ok } from 'neverthrow';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  loadStoredView,
  POOL_VIEW_KIND,
  poolViewWriter,
  savePoolViews,
} from '../../reconciler/serve/index.ts';
import { openFolderStore } from '../../reconciler/state/folder/index.ts';
import { poolView, row, viewOf } from '../helpers/builders/fleet-view.ts';
import { value } from '../helpers/builders/result.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const view = (sessions: number) =>
  viewOf([
    poolView('fe-east', { 'fe02.contoso.com': [row('RTCSRV', 'Draining', sessions)] }),
    poolView('<b>lab</b>', { 'lab01.contoso.com': [row('RTCSRV', 'Active', 1)] }),
  ]);

test('savePoolViews writes one record per pool; loadStoredView reads them back (folder store)', async () => {
  const store = openFolderStore(tempTree({}));
  assert.equal(value(await loadStoredView(store, 0)), null);
  assert.ok((await savePoolViews(store, view(7), 'apply on a (pid 1)')).isOk());
  const listed = value(await store.listRecords(POOL_VIEW_KIND));
  assert.equal(
    listed.map((r) => r.key),
    ['<b>lab</b>', 'fe-east'],
  );
  const back = value(await loadStoredView(store, 0));
  assert.equal(
    back?.pools.map((p) => `${p.name} ${p.recorded?.by}`),
    ['<b>lab</b> apply on a (pid 1)', 'fe-east apply on a (pid 1)'],
  );
  assert.is(back?.pools[1]?.servers[0]?.services[0]?.sessions, 7);
  await store.close();
});

test('the writer never queues: views handed in while one is written are replaced by the latest; a failing store warns once per streak', async () => {
  const puts: number[] = [];
  let release: () => void = () => {};
  let failing = false;
  const store = {
    async putRecord(_kind: string, key: string, value: unknown) {
      if (key === 'fe-east') {
        puts.push(
          (value as { view: ReturnType<typeof view> }).view.pools[0]?.servers[0]?.services[0]
            ?.sessions as number,
        );
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      return failing ? err({ message: 'disk full' }) : ok(undefined);
    },
  };
  const warnings: string[] = [];
  const writer = poolViewWriter(store, 'watch on a (pid 1)', (m) => warnings.push(m));
  writer.write(view(9));
  writer.write(view(8));
  writer.write(view(7));
  await new Promise((r) => setTimeout(r, 10));
  release();
  await new Promise((r) => setTimeout(r, 10));
  release();
  await writer.flush();
  assert.equal(puts, [9, 7], 'the first view, then only the latest');
  failing = true;
  for (const n of [6, 5]) {
    writer.write(view(n));
    await new Promise((r) => setTimeout(r, 10));
    release();
    await writer.flush();
  }
  assert.equal(warnings, ['cannot record the pool views: disk full']);
  failing = false;
  writer.write(view(4));
  await new Promise((r) => setTimeout(r, 10));
  release();
  await writer.flush();
  failing = true;
  writer.write(view(3));
  await new Promise((r) => setTimeout(r, 10));
  release();
  await writer.flush();
  assert.is(warnings.length, 2, 'a new streak warns again');
});

test.run();
