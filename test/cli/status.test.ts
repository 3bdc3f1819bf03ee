import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const service = {
  status: 'Running',
  startType: 'Automatic',
  canPause: true,
  sessions: 0,
  since: 0,
};
const server = (fault: string | null) => ({
  fault,
  latencyMs: 0,
  services: { RTCSRV: service, RTCMEDSRV: service },
});

test('status names each server error by kind and message: access denied is not unreachable', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: active\n    fe02.x: active') });
  const state = tempTree({});
  mkdirSync(join(state, 'simulated'));
  writeFileSync(
    join(state, 'simulated', 'p.json'),
    JSON.stringify({
      servers: { 'fe01.x': server('access-denied'), 'fe02.x': server('unreachable') },
    }),
  );
  const text = await runCli(['status', tree, '--state-dir', state]);
  assert.is(text.code, 1);
  assert.match(text.stdout, /fe01\.x +RTCSRV .*AccessDenied/);
  assert.not.match(text.stdout, /fe01\.x +RTCSRV .*[Uu]nreachable/);
  assert.match(text.stdout, /fe02\.x +RTCSRV .*Unreachable/);
  assert.match(text.stdout, /✗ p\/fe01\.x AccessDenied: \S/);
  const json = JSON.parse(
    (await runCli(['status', tree, '--state-dir', state, '-o', 'json'])).stdout,
  );
  const [fe01, fe02] = json.pools[0].servers;
  assert.is(fe01.error.kind, 'AccessDenied');
  assert.type(fe01.error.message, 'string');
  assert.is(fe02.error.kind, 'Unreachable');
});

test.run();
