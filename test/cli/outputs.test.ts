import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

test('plan, status and apply --output json print the positioned problems of an invalid desired state, exit 1', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: drainig') });
  for (const command of ['plan', 'status', 'apply']) {
    const out = await runCli([command, tree, '--state-dir', tempTree({}), '--output', 'json']);
    assert.is(out.code, 1, command);
    const doc = JSON.parse(out.stdout);
    assert.is(doc.valid, false, command);
    assert.equal(
      doc.issues.map((i: { line: number; column: number; hint: string }) => [
        i.line,
        i.column,
        i.hint,
      ]),
      [[11, 13, 'did you mean `draining`?']],
      command,
    );
    assert.match(out.stderr, /did you mean `draining`/);
  }
});

test('an unreadable desired state is a JSON document too', async () => {
  const missing = `${tempTree({})}/nothing-here`;
  const out = await runCli(['plan', missing, '--state-dir', tempTree({}), '-o', 'json']);
  assert.is(out.code, 1);
  const doc = JSON.parse(out.stdout);
  assert.is(doc.valid, false);
  assert.ok(doc.issues.length + (doc.error === null ? 0 : 1) > 0);
});

test('plan --output markdown prints the problems as markdown for a CI job summary', async () => {
  const tree = tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: drainig') });
  const out = await runCli(['plan', tree, '--state-dir', tempTree({}), '--output', 'markdown']);
  assert.is(out.code, 1);
  assert.match(out.stdout, /^### quiesce: .* is invalid; nothing was planned/);
  assert.match(
    out.stdout,
    /- :x: `.*p\.yaml:11:13` .*drainig.* \(hint: did you mean 'draining'\?\)/,
  );
});

test('plan json and markdown count every problem when more than 100 are listed', async () => {
  const servers = Array.from({ length: 150 }, (_, i) => `s${i}.x: x`).join('\n    ');
  const tree = tempTree({ 'p.yaml': poolYaml('p', servers) });
  const json = await runCli(['plan', tree, '--state-dir', tempTree({}), '-o', 'json']);
  const doc = JSON.parse(json.stdout);
  assert.is(doc.issues.length, 101);
  assert.is(doc.summary.issues, 150);
  const markdown = await runCli(['plan', tree, '--state-dir', tempTree({}), '-o', 'markdown']);
  assert.match(markdown.stdout, /\*\*150\*\* problems:/);
  assert.match(markdown.stdout, /50 more problems not shown \(150 in all\)/);
});

test.run();
