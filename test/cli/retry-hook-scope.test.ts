// apply --retry-hook POOL SERVER takes only POOL's lock: an apply or watcher holding another pool's lock is no
// obstacle (it was refused, pointing at the other pool's lock).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openFolderStore } from '../../reconciler/state/folder/index.ts';
import { allBack, hookLog, retryHookArgs, round } from '../helpers/builders/maintenance-pool.ts';
import { value } from '../helpers/builders/result.ts';
import { runCli } from '../helpers/harnesses/capture.ts';
import { actor } from '../state/contract.ts';

const EDGE = `apiVersion: quiesce/v1
kind: Pool
metadata: {name: edge}
spec:
  target: {driver: simulated}
  loadBalancing: dns
  services: [RTCSRV]
  budget: {maxUnavailable: 1}
  servers:
    edge01.x: active
`;

test("retry-hook of pool p while edge's lock is held elsewhere: it runs, and edge is left alone", async () => {
  const r = round({ servers: 2, hookMs: 20 });
  // A second pool, edge, with its own world; another run holds its lock throughout.
  writeFileSync(join(r.tree, 'edge.yaml'), EDGE);
  const service = {
    status: 'Running',
    startType: 'Automatic',
    canPause: true,
    sessions: 0,
    load: 0,
  };
  writeFileSync(
    join(r.state, 'simulated', 'edge.json'),
    JSON.stringify({
      servers: { 'edge01.x': { fault: null, latencyMs: 0, services: { RTCSRV: service } } },
    }),
  );
  const failed = await runCli(
    ['apply', '--wait', '--timeout', '1m', '--state-dir', r.state, r.tree],
    {
      ...r.env,
      HOOK_FAIL: 'fe01.x',
    },
  );
  assert.is(failed.code, 1, failed.stdout);
  const store = openFolderStore(r.state);
  const held = value(
    await store.acquireLock({
      pool: 'edge',
      actor: actor('runner-2', 'watch'),
      revision: null,
      timeoutMs: 0,
    }),
  );
  try {
    const hooksBefore = hookLog(r.log).length;
    const retried = await runCli(retryHookArgs(r, 'fe01.x'), r.env);
    assert.is(retried.code, 0, retried.stdout + retried.stderr);
    assert.not.match(retried.stderr, /edge|locked/);
    assert.ok(allBack(r.state));
    // Only p's servers ran hooks: edge (locked by another run) was not touched.
    const ran = hookLog(r.log)
      .slice(hooksBefore)
      .map(([, server]) => server);
    assert.ok(ran.length > 0);
    assert.ok(
      ran.every((s) => r.servers.includes(s)),
      JSON.stringify(ran),
    );
  } finally {
    await held.release();
    await store.close();
  }
});

test.run();
