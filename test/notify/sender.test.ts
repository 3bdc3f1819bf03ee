import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NotificationFormat, NotificationSpec } from '../../reconciler/model.ts';
import { createNotifier, type NotifyEvent } from '../../reconciler/notify/index.ts';
import { startReceiver } from '../helpers/harnesses/webhook-receiver.ts';

const spec = (
  format: NotificationFormat,
  extra: Partial<NotificationSpec> = {},
): NotificationSpec => ({
  name: `to-${format}`,
  source: { file: 'n.yaml', line: 1, column: 1 },
  events: ['Drained', 'Blocked', 'Recovered', 'ValidationFailed'],
  pools: null,
  format,
  urlEnv: 'X',
  ...extra,
});

const event = (reason: NotifyEvent['reason'], extra: Partial<NotifyEvent> = {}): NotifyEvent => ({
  reason,
  cleared: null,
  severity: reason === 'Drained' ? 'info' : 'error',
  pool: 'fe-east',
  server: 'fe02.contoso.com',
  object: 'fe-east/fe02.contoso.com',
  message: `fe02.contoso.com ${reason} <b>&</b>`,
  revision: 'main@sha1:abc',
  at: '2026-11-28T13:00:00.000Z',
  ...extra,
});

const fast = { backoffMs: 10, maxBackoffMs: 20, timeoutMs: 300 };

test('each format posts its documented payload shape to a real receiver', async () => {
  const receiver = await startReceiver();
  const formats: NotificationFormat[] = ['generic', 'slack', 'teams', 'alertmanager'];
  const notifier = createNotifier(
    formats.map((format) => ({ spec: spec(format), url: receiver.url })),
    'desired-state',
    fast,
  );
  notifier.notify([event('Blocked')]);
  notifier.notify([event('Recovered', { cleared: 'Blocked', severity: 'info' })]);
  await notifier.idle();
  await receiver.close();
  assert.is(receiver.bodies.length, 8);
  const bodies = receiver.bodies;
  const generic = bodies.find((b) => b.involvedObject && b.reason === 'Blocked');
  const slack = bodies.find((b) => b.blocks && b.text.startsWith('Blocked'));
  const teams = bodies.find((b) => b.type === 'message');
  const alert = bodies.find((b) => b.version === '4' && b.status === 'firing');
  const resolved = bodies.find((b) => b.version === '4' && b.status === 'resolved');
  assert.equal(generic.involvedObject, {
    apiVersion: 'quiesce/v1',
    kind: 'Server',
    name: 'fe02.contoso.com',
    namespace: 'fe-east',
  });
  assert.is(generic.reason, 'Blocked');
  assert.is(generic.severity, 'error');
  assert.is(generic.metadata.revision, 'main@sha1:abc');
  assert.is(slack.blocks[0].type, 'header');
  assert.is(slack.blocks[0].text.text, 'Blocked: fe-east/fe02.contoso.com');
  assert.match(
    slack.blocks[1].text.text,
    '&lt;b&gt;&amp;&lt;/b&gt;',
    'mrkdwn control characters escaped',
  );
  assert.match(slack.text, 'Blocked');
  assert.is(teams.type, 'message');
  assert.is(teams.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  assert.is(teams.attachments[0].content.type, 'AdaptiveCard');
  assert.ok(teams.attachments[0].content.body.some((b: { type: string }) => b.type === 'FactSet'));
  assert.is(alert.version, '4');
  assert.is(alert.status, 'firing');
  assert.is(alert.alerts[0].labels.alertname, 'QuiesceBlocked');
  assert.is(alert.alerts[0].endsAt, '0001-01-01T00:00:00Z');
  assert.is(alert.truncatedAlerts, 0);
  assert.is(resolved.status, 'resolved', 'a Recovered event resolves the alert');
  assert.equal(resolved.alerts[0].labels, alert.alerts[0].labels);
  assert.is(resolved.alerts[0].fingerprint, alert.alerts[0].fingerprint);
  assert.not.match(
    JSON.stringify(receiver.bodies),
    'SECRET-TOKEN',
    'the URL never reaches a payload',
  );
});

test('events are filtered by reason, by what a Recovered clears, and by pool', async () => {
  const receiver = await startReceiver();
  const notifier = createNotifier(
    [
      {
        spec: spec('generic', { events: ['Drained', 'Recovered'], pools: ['fe-east'] }),
        url: receiver.url,
      },
    ],
    'd',
    fast,
  );
  notifier.notify([
    event('Drained'),
    event('Blocked'),
    event('Recovered', { cleared: 'Blocked' }),
    event('Drained', { pool: 'med-west' }),
    event('Drained', { server: 'fe03', object: 'fe-east/fe03' }),
  ]);
  await notifier.idle();
  await receiver.close();
  assert.equal(
    receiver.bodies.map((b) => `${b.reason} ${b.involvedObject.name}`),
    ['Drained fe02.contoso.com', 'Drained fe03'],
  );
});

test('5xx and 429 are retried with backoff; 4xx is not; failures are counted without the URL', async () => {
  const flaky = await startReceiver((n) => (n < 2 ? 500 : n === 2 ? 429 : 200));
  const refusing = await startReceiver(() => 404);
  const failures: string[] = [];
  const notifier = createNotifier(
    [
      { spec: spec('slack'), url: flaky.url },
      { spec: spec('teams'), url: refusing.url },
    ],
    'd',
    { ...fast, onFailure: (_spec, message) => failures.push(message) },
  );
  notifier.notify([event('Drained')]);
  await notifier.idle();
  await Promise.all([flaky.close(), refusing.close()]);
  assert.is(flaky.hits, 4);
  assert.is(flaky.bodies.length, 1);
  assert.is(refusing.hits, 1, 'a 404 is not retried');
  const [slack, teams] = notifier.health();
  assert.equal([slack?.sent, slack?.failures], [1, 0]);
  assert.equal([teams?.sent, teams?.failures], [0, 1]);
  assert.equal(failures, ['Drained fe-east/fe02.contoso.com: HTTP 404 after 1 attempt']);
});

test('a hanging or dead receiver: notify returns at once, attempts time out, the queue stays bounded', async () => {
  const hanging = await startReceiver(() => 'hang');
  const notifier = createNotifier(
    [
      { spec: spec('generic'), url: hanging.url },
      { spec: spec('slack'), url: 'http://127.0.0.1:9/nothing-listens-here' },
    ],
    'd',
    { ...fast, attempts: 2, timeoutMs: 200, queueLimit: 3 },
  );
  const started = performance.now();
  for (let i = 0; i < 10; i += 1) notifier.notify([event('Drained', { object: `o${i}` })]);
  const took = performance.now() - started;
  assert.ok(took < 50, `notify took ${took} ms`);
  await new Promise((resolve) => setTimeout(resolve, 600));
  const [generic, slack] = notifier.health();
  assert.ok(
    (generic?.failures ?? 0) >= 6,
    `dropped events are counted: ${JSON.stringify(generic)}`,
  );
  assert.match(String(generic?.lastError), /no answer within 200 ms|queue full/);
  assert.ok((slack?.failures ?? 0) >= 7);
  assert.not.match(JSON.stringify(notifier.health()), '127.0.0.1', 'no URL in health');
  notifier.close();
  await notifier.idle();
  await hanging.close();
});

test.run();
