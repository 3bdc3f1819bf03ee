// File-system errors on the state dir, lock, audit log and status.json: one line, exit 1, nothing left behind.
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { runCli } from '../helpers/harnesses/capture.ts';

const tree = () => tempTree({ 'p.yaml': poolYaml('p', 'fe01.x: draining\n    fe02.x: active') });
const oneLine = (text: string) => {
  assert.is(text.trim().split('\n').length, 1, text);
  assert.not.match(text, /\n\s+at |Error:|node:fs/, 'no stack trace');
};

test('plan, status, apply and watch with --state-dir on a file: one line naming the path, exit 1', async () => {
  const dir = tempTree({ file: 'x' });
  for (const stateDir of [join(dir, 'file'), join(dir, 'file', 'sub')]) {
    for (const argv of [['plan'], ['status'], ['apply'], ['watch', '--interval', '1h']]) {
      const out = await runCli([...argv, tree(), '--state-dir', stateDir]);
      assert.is(out.code, 1, out.stdout + out.stderr);
      oneLine(out.stderr);
      assert.match(
        out.stderr.trim(),
        /: cannot (use|create) .*state dir.*; pick another --state-dir$/,
      );
      assert.ok(out.stderr.includes(stateDir), 'names the path');
    }
  }
  assert.equal(readdirSync(dir), ['file']);
});

test('apply with a full disk under the audit log: stops at once, one line, exit 1, no "Applied", lock released', async () => {
  const state = tempTree({});
  symlinkSync('/dev/full', join(state, 'audit.jsonl')); // every write fails with ENOSPC
  const out = await runCli(['apply', tree(), '--state-dir', state, '--concurrency', '1']);
  assert.is(out.code, 1, out.stdout + out.stderr);
  oneLine(out.stderr);
  assert.match(
    out.stderr,
    /^quiesce apply: cannot append to the audit log .*audit\.jsonl: ENOSPC, no space left on device; free space on that file system and run again \(step p\/fe01\.x RTCSRV set-startup-type ran/,
  );
  assert.not.match(out.stdout, /Applied/);
  assert.not.ok(existsSync(join(state, 'locks', 'p', 'lock')), 'no lock left');
  assert.equal(
    readdirSync(state, { recursive: true }).filter((name) => String(name).endsWith('.tmp')),
    [],
    'no temporary file left',
  );
});

test('watch that cannot write status.json: one line, exit 1, lock released', async () => {
  const state = tempTree({});
  mkdirSync(join(state, 'status.json')); // a directory where the file goes
  const out = await runCli(['watch', tree(), '--state-dir', state, '--interval', '1h']);
  assert.is(out.code, 1, out.stdout + out.stderr);
  oneLine(out.stderr);
  assert.match(
    out.stderr,
    /^quiesce watch: cannot write .*status\.json: EISDIR, a directory is in the way of a file/,
  );
  assert.not.ok(existsSync(join(state, 'lock')));
  assert.equal(
    readdirSync(state).filter((name) => name.endsWith('.tmp')),
    [],
  );
});

test.run();
