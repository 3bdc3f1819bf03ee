// Every audit record is a change record: its reason (server's reason, else maintenance id, else commit subject)
// and its operator (user, host, pid, command, CI job); history filters on both.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { round } from '../helpers/builders/maintenance-pool.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const GITLAB = {
  USER: 'ann',
  CI_JOB_URL: 'https://gitlab.example.com/ops/fleet/-/jobs/4711',
};

test('apply in a GitLab job: records carry the maintenance id and the operator; --reason and --operator filter', async () => {
  const r = round({ servers: 2, hookMs: 20 });
  const applied = await runCli(['apply', '--state-dir', r.state, r.tree], { ...r.env, ...GITLAB });
  assert.is(applied.code, 0, applied.stdout);
  const json = JSON.parse(
    (await runCli(['history', '-o', 'json', '--state-dir', r.state], r.env)).stdout,
  );
  assert.ok(json.records.length > 0);
  for (const record of json.records) {
    assert.is(record.reason, 'CHG0042');
    assert.is(record.operator.user, 'ann');
    assert.is(record.operator.command, 'apply');
    assert.is(record.operator.ciJobUrl, GITLAB.CI_JOB_URL);
    assert.is(typeof record.operator.pid, 'number');
    assert.is(typeof record.operator.host, 'string');
  }
  const byReason = await runCli(['history', '--reason', 'chg0042', '--state-dir', r.state], r.env);
  assert.match(byReason.stdout, /reason: CHG0042/);
  assert.match(byReason.stdout, /run by ann@.* apply, job https:\/\/gitlab\.example\.com/);
  const none = await runCli(['history', '--reason', 'KB999', '--state-dir', r.state], r.env);
  assert.is(none.stdout, 'No audit records match.\n');
  const byJob = await runCli(['history', '--operator', 'jobs/4711', '--state-dir', r.state], r.env);
  assert.is(byJob.stdout.trim().split('\n').length, json.records.length + 1);
  const other = await runCli(['history', '--operator', 'bob@', '--state-dir', r.state], r.env);
  assert.is(other.stdout, 'No audit records match.\n');
});

test("a server's own reason wins over the maintenance id", async () => {
  const r = round({ servers: 1 });
  // No round: fe01.x drains with a reason of its own.
  writeFileSync(
    join(r.tree, 'p.yaml'),
    `apiVersion: quiesce/v1
kind: Pool
metadata: {name: p}
spec:
  target: {driver: simulated}
  loadBalancing: dns
  services: [RTCSRV, RTCMEDSRV]
  budget: {maxUnavailable: 1}
  servers:
    fe01.x:
      mode: draining
      reason: KB5031356 on fe01
`,
  );
  const applied = await runCli(['apply', '--state-dir', r.state, r.tree], r.env);
  assert.is(applied.code, 0, applied.stdout + applied.stderr);
  const json = JSON.parse(
    (await runCli(['history', '-o', 'json', '--state-dir', r.state], r.env)).stdout,
  );
  assert.ok(json.records.length > 0);
  for (const record of json.records) assert.is(record.reason, 'KB5031356 on fe01');
});

test.run();
