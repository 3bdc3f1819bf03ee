// One service missing on one server marks only that service: the server's other services are observed, shown
// and planned as usual, and the error names the missing one with the driver's words.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { round } from '../helpers/builders/maintenance-pool.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('RTCMEDSRV not installed on fe02.x: status and plan mark RTCMEDSRV only; RTCSRV is Active and Synced', async () => {
  const r = round({ servers: 2 });
  const path = join(r.state, 'simulated', 'p.json');
  const fleet = JSON.parse(readFileSync(path, 'utf8'));
  delete fleet.servers['fe02.x'].services.RTCMEDSRV;
  writeFileSync(path, JSON.stringify(fleet));
  // No round: the pool as declared, every server active.
  writeFileSync(
    join(r.tree, 'p.yaml'),
    readFileSync(join(r.tree, 'p.yaml'), 'utf8').replace(/ {2}maintenance:\n(?: {4}.*\n)+/, ''),
  );
  const status = await runCli(['status', '-o', 'json', '--state-dir', r.state, r.tree], r.env);
  assert.is(status.code, 1, status.stderr);
  const fe02 = JSON.parse(status.stdout).pools[0].servers.find(
    (s: { name: string }) => s.name === 'fe02.x',
  );
  assert.is(fe02.error, null, JSON.stringify(fe02));
  const byName = Object.fromEntries(
    fe02.services.map((s: { name: string; health: string; sync: string }) => [s.name, s]),
  );
  assert.is(byName.RTCSRV.health, 'Active');
  assert.is(byName.RTCSRV.sync, 'Synced');
  assert.is(byName.RTCSRV.status, 'Running');
  assert.is(byName.RTCMEDSRV.health, 'Unknown');
  const plan = await runCli(['plan', '--state-dir', r.state, r.tree], r.env);
  assert.is(plan.code, 1);
  const errors = plan.stdout.split('\n').filter((line) => line.includes('✗ error'));
  assert.equal(errors, [
    '✗ error p/fe02.x RTCMEDSRV [NotFound]: service RTCMEDSRV is not installed on fe02.x',
  ]);
});

test.run();
