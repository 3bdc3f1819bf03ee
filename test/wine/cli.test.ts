// quiesce on Windows: the built CLI run by Windows' node.exe under Wine (see test/helpers/harnesses/wine.ts),
// with Windows paths (drive letter, backslashes), CRLF and BOM pool files, one of them UTF-16 as Windows
// PowerShell's Out-File writes it.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { nodeExe, quiesceExe, requireWine, startWine, winPath } from '../helpers/harnesses/wine.ts';

/** The example fleet as a Windows editor might leave it: CRLF and a UTF-8 BOM, one file UTF-16LE with its BOM. */
function windowsFleet(): string {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync('desired-state')) {
    if (!name.endsWith('.yaml')) continue;
    const crlf = readFileSync(join('desired-state', name), 'utf8').replaceAll('\n', '\r\n');
    files[name] =
      name === 'fe-east.yaml'
        ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')])
        : Buffer.from(`\uFEFF${crlf}`, 'utf8');
  }
  return tempTree(files);
}

test.before(() => requireWine());

test('the main job on Windows: validate, plan, apply --wait to the end, status (simulated driver)', async () => {
  const fleet = winPath(windowsFleet());
  const state = winPath(join(tempTree(), 'state'));
  const validate = await quiesceExe(['validate', fleet]);
  assert.is(validate.code, 0, validate.stdout + validate.stderr);
  const plan = await quiesceExe(['plan', '--state-dir', state, fleet]);
  assert.is(plan.code, 0, plan.stdout + plan.stderr);
  assert.match(plan.stdout, /fe02\.contoso\.com/);
  const apply = await quiesceExe(
    ['apply', '--wait', '--timeout', '2m', '--state-dir', state, fleet],
    {
      timeoutMs: 90_000,
    },
  );
  assert.is(apply.code, 0, apply.stdout + apply.stderr);
  assert.match(apply.stdout, /All drains finished/);
  const status = await quiesceExe(['status', '--state-dir', state, '--output', 'json', fleet]);
  assert.is(status.code, 0, status.stdout + status.stderr);
  assert.ok(JSON.parse(status.stdout), 'status --output json is JSON');
});

test('a UTF-16 file without a BOM is refused with what it is and how to fix it', async () => {
  const yaml = readFileSync('desired-state/fe-east.yaml', 'utf8');
  const fleet = tempTree({ 'fe-east.yaml': Buffer.from(yaml, 'utf16le') });
  const validate = await quiesceExe(['validate', winPath(fleet)]);
  assert.is(validate.code, 1, validate.stdout + validate.stderr);
  assert.match(
    validate.stdout + validate.stderr,
    "this file is UTF-16 (as Windows PowerShell's Out-File writes it); save it as UTF-8: `Out-File -Encoding utf8`",
  );
});

test('two applies contending for one lock (link() on the store folder): one runs, the other is refused', async () => {
  const fleet = winPath('desired-state');
  const state = winPath(join(tempTree(), 'state'));
  const args = ['apply', '--wait', '--timeout', '2m', '--state-dir', state, fleet];
  const [a, b] = await Promise.all([
    quiesceExe(args, { timeoutMs: 90_000 }),
    quiesceExe(args, { timeoutMs: 90_000 }),
  ]);
  const codes = [a.code, b.code].sort();
  assert.is(codes[0], 0, a.stdout + a.stderr + b.stdout + b.stderr);
  assert.is.not(codes[1], 0, 'both applies ran: the lock did not hold');
  const loser = a.code === 0 ? b : a;
  assert.match(loser.stdout + loser.stderr, /is locked by apply/, loser.stdout + loser.stderr);
});

/** A free TCP port on loopback. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

test('serve answers /healthz', async () => {
  const port = await freePort();
  const state = winPath(join(tempTree(), 'state'));
  const serve = startWine(nodeExe, [
    winPath('bin/quiesce.js'),
    'serve',
    '--listen',
    `127.0.0.1:${port}`,
    '--state-dir',
    state,
  ]);
  try {
    let answer: Response | null = null;
    for (let i = 0; i < 100 && answer === null; i++) {
      answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (answer === null) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(answer, `serve did not answer: ${JSON.stringify(serve.output())}`);
    assert.is(answer.status, 200);
  } finally {
    serve.kill('SIGKILL');
  }
});

test.run();
