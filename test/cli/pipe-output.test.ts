// Output larger than a pipe holds reaches the reader whole before the process exits (plan -o json | jq).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../helpers/builders/temp-tree.ts';

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'quiesce.js');

test('plan -o json of 2,000 servers through a pipe: the whole document, every time', () => {
  const lines = [
    'apiVersion: quiesce/v1',
    'kind: Pool',
    'metadata:',
    '  name: big',
    'spec:',
    '  target:',
    '    driver: simulated',
    '  loadBalancing: dns',
    '  services: [RTCSRV, RTCMEDSRV]',
    '  budget:',
    '    maxUnavailable: "100%"',
    '  servers:',
    ...Array.from(
      { length: 2000 },
      (_, i) => `    srv${i}.contoso.com: ${i % 5 ? 'active' : 'draining'}`,
    ),
  ];
  const desired = tempTree({ 'big.yaml': `${lines.join('\n')}\n` });
  const state = tempTree({});
  for (let run = 0; run < 3; run++) {
    const out = spawnSync(
      process.execPath,
      [bin, 'plan', desired, '--state-dir', state, '-o', 'json'],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      },
    );
    assert.is(out.status, 0, out.stderr);
    assert.ok(
      out.stdout.length > 256 * 1024,
      `larger than a pipe holds (${out.stdout.length} bytes)`,
    );
    const plan = JSON.parse(out.stdout) as { plan?: { changes: unknown[] }; changes?: unknown[] };
    assert.is((plan.plan?.changes ?? plan.changes)?.length, 1600);
  }
});

test.run();
