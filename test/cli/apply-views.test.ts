// What apply --wait leaves for `quiesce serve`: a pool view after each round while the drain runs, the last at its end.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PoolViewRecord } from '../../reconciler/report/stored-view.ts';
import { POOL_VIEW_KIND } from '../../reconciler/serve/index.ts';
import { openFolderStore } from '../../reconciler/state/folder/index.ts';
import { value } from '../helpers/builders/result.ts';
import { runningServer, runningService, worldJson } from '../helpers/builders/simulated-world.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

/** fe01.x's services in the pool view the store holds now: `health sessions` each, or null before any. */
async function fe01(state: string): Promise<{ services: string[]; at: string } | null> {
  const store = openFolderStore(state);
  const listed = value(await store.listRecords(POOL_VIEW_KIND));
  await store.close();
  const record = listed.find((r) => r.key === 'p')?.value as PoolViewRecord | undefined;
  const server = record?.view.pools[0]?.servers.find((s) => s.name === 'fe01.x');
  if (record === undefined || server === undefined) return null;
  return {
    services: server.services.map((s) => `${s.health} ${s.sessions}`),
    at: record.view.lastReconcile?.at ?? '',
  };
}

test('apply --wait records the pool view after each round (the drain in progress), and the finished drain at its end', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: active') });
  const state = tempTree({
    'simulated/p.json': worldJson(
      ['fe01.x', 'fe02.x'],
      runningServer(['RTCSRV', 'RTCMEDSRV'], runningService(40)),
    ),
  });
  const started = new Date().toISOString();
  let finished = false;
  const run = runCli(['apply', tree, '--state-dir', state, '--wait', '--timeout', '30s'], {
    QUIESCE_SIM_SESSION_SECONDS: '1',
  }).finally(() => {
    finished = true;
  });
  // While apply runs, serve can already read the drain going on.
  const during: { services: string[]; at: string }[] = [];
  while (!finished) {
    const seen = await fe01(state);
    if (seen !== null && !finished && seen.at !== during.at(-1)?.at) during.push(seen);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const out = await run;
  assert.is(out.code, 0, out.stdout + out.stderr);
  const draining = during.filter((d) => d.services.every((s) => /^Draining [1-9]/.test(s)));
  assert.ok(draining.length >= 1, JSON.stringify(during));
  // Each view's time is when it was made: later views, later times, all after the run started.
  assert.ok(
    during.every((d, i) => d.at >= started && (i === 0 || d.at > (during[i - 1]?.at ?? ''))),
  );
  const last = await fe01(state);
  assert.equal(last?.services, ['Drained 0', 'Drained 0']);
  assert.ok((last?.at ?? '') > (draining[0]?.at ?? ''));
});

test.run();
