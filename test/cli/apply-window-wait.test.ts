// apply --wait waits for a closed maintenance window that opens within --timeout, says so, and runs the round;
// exit 3 only when no window opens in time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clockAt, NIGHTLY_BERLIN, round } from '../helpers/builders/maintenance-pool.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

// 22:00 Berlin on Mon 7 Dec 2026 is 21:00 UTC: the nightly window opens then.
const OPENS = Date.parse('2026-12-07T21:00:00Z');

const applyAt = (r: ReturnType<typeof round>, msBeforeOpening: number, timeout: string) =>
  runCli(['apply', '--wait', '--timeout', timeout, '--state-dir', r.state, r.tree], {
    ...r.env,
    ...clockAt(new Date(OPENS - msBeforeOpening).toISOString()),
  });

test('a window that opens in 3s, --timeout 1m: one line says apply waits, one that it opened; the round runs', async () => {
  const r = round({ servers: 2, windows: NIGHTLY_BERLIN, hookMs: 20 });
  const started = Date.now();
  const { code, stdout } = await applyAt(r, 3000, '1m');
  assert.is(code, 0, stdout);
  assert.ok(Date.now() - started >= 2500, 'apply waited for the window');
  const waits = stdout.match(/^waiting for a maintenance window: .*$/gm) ?? [];
  assert.equal(waits.length, 1, stdout);
  assert.match(waits[0] ?? '', /p opens Mon 22:00 Europe\/Berlin, in 3s \(apply goes on then\)/);
  assert.match(stdout, /^maintenance window open: p open until Tue 04:00 Europe\/Berlin/m);
  assert.match(stdout, /maintenance p CHG0042: done, 2 of 2 done/);
});

test('a window that opens after --timeout: exit 3 at once, nothing waited for', async () => {
  const r = round({ servers: 2, windows: NIGHTLY_BERLIN });
  const started = Date.now();
  const { code, stdout } = await applyAt(r, 120_000, '30s');
  assert.is(code, 3, stdout);
  assert.ok(Date.now() - started < 20_000, 'apply did not wait');
  assert.not.match(stdout, /waiting for a maintenance window/);
  assert.match(stdout, /waits for a maintenance window: opens Mon 22:00 Europe\/Berlin, in 2m/);
});

test.run();
