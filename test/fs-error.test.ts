// File-system error messages: one line with the path, the code and what to do, for every code we expect.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fsErrorMessage } from '../reconciler/fs-error.ts';

const errno = (code: string) => Object.assign(new Error(`${code}: raw node text`), { code });

test('ENOSPC, EACCES, EROFS, ENOENT, ENOTDIR each say what to do, on one line, without node internals', () => {
  const cases: [string, RegExp][] = [
    ['ENOSPC', /free space on that file system/],
    ['EACCES', /give this user write access or pick another --state-dir/],
    ['EROFS', /read-only; pick a writable --state-dir/],
    ['ENOENT', /create it or pick another --state-dir/],
    ['ENOTDIR', /not a directory; pick another --state-dir/],
  ];
  for (const [code, hint] of cases) {
    const message = fsErrorMessage('write', '/srv/q/status.json', errno(code));
    assert.ok(message.startsWith(`cannot write /srv/q/status.json: ${code}, `), message);
    assert.match(message, hint);
    assert.not.match(message, /raw node text|\n/);
  }
  assert.is(
    fsErrorMessage('write', '/x', errno('EWEIRD')),
    'cannot write /x: EWEIRD: raw node text; check the path and run again',
  );
});

test.run();
