// A Front End with signed-in clients and no call or conference in progress is Drained (simulated driver): its
// clients' SIP connections and registrations are information in status, never a drain condition; a conference
// still in progress keeps its server Draining.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const POOL = `apiVersion: quiesce/v1
kind: Pool
metadata: {name: fe-pool}
spec:
  target: {driver: simulated}
  loadBalancing: dns
  services: [RTCSRV]
  budget: {maxUnavailable: 2}
  drain: {timeout: 1h}
  servers:
    fe01.x: draining
    fe02.x: draining
    fe03.x: active
`;

/** A Front End service: `sessions` calls and conferences (they end slowly), `clients` signed in. */
const frontEnd = (sessions: number, clients: number) => ({
  status: 'Running',
  startType: 'Automatic',
  canPause: true,
  sessions,
  since: 0,
  sessionMs: 3_600_000_000,
  clients,
  registered: clients - 10,
});

test('signed-in clients never hold a drain: no conference → Drained; one in progress → Draining', async () => {
  const tree = tempTree({ 'fe-pool.yaml': POOL });
  const state = tempTree({});
  mkdirSync(join(state, 'simulated'), { recursive: true });
  const server = (sessions: number, clients: number) => ({
    fault: null,
    latencyMs: 0,
    services: { RTCSRV: frontEnd(sessions, clients) },
  });
  writeFileSync(
    join(state, 'simulated', 'fe-pool.json'),
    JSON.stringify({
      servers: { 'fe01.x': server(0, 250), 'fe02.x': server(3, 180), 'fe03.x': server(2, 300) },
    }),
  );
  const env = { QUIESCE_SIM_SESSION_SECONDS: '3600' };
  const applied = await runCli(['apply', tree, '--state-dir', state], env);
  assert.is(applied.code, 0, applied.stderr);
  const out = await runCli(['status', tree, '--state-dir', state, '--output', 'json'], env);
  const rows = JSON.parse(out.stdout).pools[0].servers.map(
    (s: { name: string; services: Record<string, unknown>[] }) => {
      const { health, sessions, clients, registered } = s.services[0]!;
      // Sessions of a paused service fall as its calls end (the model's decay): only whether any are left matters.
      return [s.name, health, (sessions as number) > 0, clients, registered];
    },
  );
  assert.equal(rows, [
    ['fe01.x', 'Drained', false, 250, 240],
    ['fe02.x', 'Draining', true, 180, 170],
    ['fe03.x', 'Active', true, 300, 290],
  ]);
});

test('a fleet file with bad clients is a clear error naming the field', async () => {
  const tree = tempTree({ 'fe-pool.yaml': POOL });
  const state = tempTree({});
  mkdirSync(join(state, 'simulated'), { recursive: true });
  writeFileSync(
    join(state, 'simulated', 'fe-pool.json'),
    JSON.stringify({
      servers: {
        'fe01.x': {
          fault: null,
          latencyMs: 0,
          services: { RTCSRV: { ...frontEnd(0, 5), clients: -1 } },
        },
      },
    }),
  );
  const out = await runCli(['status', tree, '--state-dir', state, '--output', 'json']);
  assert.match(
    out.stdout + out.stderr,
    /servers\.fe01\.x\.services\.RTCSRV\.clients must be a whole number >= 0/,
  );
});

test.run();
