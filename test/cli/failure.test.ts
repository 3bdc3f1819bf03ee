// cli/failure.ts: the one place each EngineError kind becomes its message, its document (json/markdown) and exit 1.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { engineFailure } from '../../reconciler/cli/failure.ts';
import type { EngineError } from '../../reconciler/errors.ts';
import { stateError } from '../../reconciler/errors.ts';

/** An Io that keeps what is written. */
function captured() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    env: {},
  };
  return { io, out };
}

const render = (error: EngineError, output: 'text' | 'json' | 'markdown' = 'text') => {
  const { io, out } = captured();
  const code = engineFailure(io, 'plan', error, output);
  return { code, ...out };
};

test('each kind: its one line on stderr, exit 1', () => {
  assert.equal(render({ kind: 'BadStateDir', message: 'cannot use x as the state dir' }), {
    code: 1,
    stdout: '',
    stderr: 'quiesce plan: cannot use x as the state dir\n',
  });
  assert.equal(
    render({
      kind: 'SourceUnavailable',
      source: 'git@h:r',
      error: { kind: 'Unreachable', message: 'no route' },
    }),
    { code: 1, stdout: '', stderr: 'quiesce: cannot read git@h:r: Unreachable: no route\n' },
  );
  assert.equal(render({ kind: 'State', error: stateError('Locked', 'pool p is locked') }), {
    code: 1,
    stdout: '',
    stderr: 'quiesce plan: pool p is locked\n',
  });
  assert.equal(
    render({ kind: 'Refused', message: 'nothing to retry' }).stderr,
    'quiesce plan: nothing to retry\n',
  );
  assert.equal(
    render({ kind: 'NotSaved', message: 'cannot save the world: EROFS' }).stderr,
    'quiesce plan: cannot save the world: EROFS\n',
  );
});

test('a desired state that cannot be used is also one document on stdout as json or markdown', () => {
  const unavailable: EngineError = {
    kind: 'SourceUnavailable',
    source: 'd',
    error: { kind: 'AccessDenied', message: 'denied' },
  };
  const json = render(unavailable, 'json');
  assert.is(JSON.parse(json.stdout).valid, false);
  assert.equal(JSON.parse(json.stdout).error, { kind: 'AccessDenied', message: 'denied' });
  assert.match(render(unavailable, 'markdown').stdout, /could not be read; nothing was planned/);
  const invalid = render(
    {
      kind: 'InvalidDesiredState',
      revision: { id: 'r1', author: null, subject: null },
      issues: [
        {
          code: 'schema',
          file: 'p.yaml',
          line: 3,
          column: 5,
          message: 'unknown field',
          hint: null,
        },
      ],
    },
    'json',
  );
  assert.is(invalid.code, 1);
  assert.is(JSON.parse(invalid.stdout).issues.length, 1);
  assert.match(invalid.stderr, /p\.yaml:3:5/);
});

test('a run that stops on a lock, a store or a refusal is one document on stdout as json (and markdown) too', () => {
  const locked = render({ kind: 'State', error: stateError('Locked', 'pool p is locked') }, 'json');
  assert.is(locked.code, 1);
  assert.equal(JSON.parse(locked.stdout), {
    formatVersion: 1,
    error: { kind: 'Locked', message: 'pool p is locked' },
  });
  assert.is(locked.stderr, 'quiesce plan: pool p is locked\n', 'the line on stderr as in text');
  const lost = render({ kind: 'State', error: stateError('LockLost', 'lost the lock') }, 'json');
  assert.is(JSON.parse(lost.stdout).error.kind, 'LockLost');
  assert.is(
    JSON.parse(render({ kind: 'Refused', message: 'no' }, 'json').stdout).error.kind,
    'Refused',
  );
  assert.is(
    JSON.parse(render({ kind: 'BadStateDir', message: 'a file' }, 'json').stdout).error.message,
    'a file',
  );
  assert.match(
    render({ kind: 'NotSaved', message: 'EROFS' }, 'markdown').stdout,
    /quiesce stopped[\s\S]*\*\*NotSaved\*\*: EROFS/,
  );
});

test.run();
