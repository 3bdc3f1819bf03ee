import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDesiredState } from '../../reconciler/load/index.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';

const notification = (spec: string, name = 'team') => `apiVersion: quiesce/v1
kind: Notification
metadata:
  name: ${name}
spec:
${spec}`;

test('a Notification document loads beside the pools', async () => {
  const dir = tempTree({
    'fe.yaml': poolYaml('fe-east'),
    'notify.yaml': notification(
      '  events: [Drained, Stalled, Recovered]\n  pools: [fe-east]\n  format: slack\n  urlFrom: env:QUIESCE_SLACK_URL\n',
    ),
  });
  const desired = (await loadDesiredState([dir]))._unsafeUnwrap();
  assert.is(desired.pools.length, 1);
  assert.equal(
    desired.notifications?.map(({ source, ...rest }) => [rest, source.line]),
    [
      [
        {
          name: 'team',
          events: ['Drained', 'Stalled', 'Recovered'],
          pools: ['fe-east'],
          format: 'slack',
          urlEnv: 'QUIESCE_SLACK_URL',
        },
        1,
      ],
    ],
  );
});

test('bad Notification documents are refused with positions, never echoing a URL', async () => {
  const dir = tempTree({
    'fe.yaml': poolYaml('fe-east'),
    'notify.yaml': [
      notification(
        '  events: [Drained]\n  format: slack\n  urlFrom: https://hooks.slack.com/services/T000/SECRET\n',
      ),
      notification('  events: [Drained, Stalld]\n  format: slak\n  urlFrom: env:X\n', 'other'),
      notification(
        '  events: [Blocked]\n  pools: [fe-esat]\n  format: generic\n  urlFrom: env:X\n',
      ),
    ].join('---\n'),
  });
  const result = await loadDesiredState([dir]);
  assert.ok(result.isErr());
  const issues = result._unsafeUnwrapErr();
  const text = JSON.stringify(issues);
  assert.not.match(text, 'SECRET', 'the URL written in urlFrom must not appear in any message');
  const at = (line: number, part: string) =>
    assert.ok(
      issues.some((i) => i.line === line && i.message.includes(part)),
      `no issue at line ${line} with '${part}' in ${text}`,
    );
  at(8, 'env:NAME');
  at(15, 'Stalld');
  at(16, 'slak');
  at(22, 'declared twice');
  at(25, 'fe-esat');
  assert.ok(issues.some((i) => i.hint?.includes('`fe-east`')));
});

test.run();
