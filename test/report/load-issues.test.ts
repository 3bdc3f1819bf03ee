import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { issuesGithub, issuesText } from '../../reconciler/report/load-issues.ts';
import { createStyle } from '../../reconciler/report/style.ts';

const issue = {
  code: 'schema' as const,
  file: 'pools/a:b.yaml',
  line: 3,
  column: 7,
  message: '100% wrong\nsecond line',
  hint: null,
};

test('github annotations escape data and properties', () => {
  assert.is(
    issuesGithub({ ok: false, issues: [issue] }),
    '::error file=pools/a%3Ab.yaml,line=3,col=7,title=quiesce schema::100%25 wrong%0Asecond line\n',
  );
});

test('text is coloured only when asked', () => {
  const plain = issuesText({ ok: false, issues: [issue] }, createStyle(false));
  assert.not.ok(plain.includes('\u001b'));
  assert.match(plain, /^pools\/a:b\.yaml:3:7 error 100% wrong/);
  assert.ok(
    issuesText({ ok: false, issues: [issue] }, createStyle(true)).includes('\u001b[31merror'),
  );
});

test.run();
