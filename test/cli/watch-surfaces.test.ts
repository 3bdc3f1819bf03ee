// watch with notifications and --listen: real webhooks, deduplication, recovery, and a hanging webhook.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { notificationYaml, poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { startCli, until } from '../helpers/harnesses/capture.ts';
import { parsePromText } from '../helpers/harnesses/prom-text.ts';
import { startReceiver } from '../helpers/harnesses/webhook-receiver.ts';

const pool = (fe01: string) =>
  poolYaml(
    'p',
    `fe01.contoso.com: ${fe01}\n    fe02.contoso.com: draining\n    fe03.contoso.com: active`,
    '  budget:\n    maxUnavailable: 1\n',
  );

const reasons = ['Drained', 'Blocked', 'Recovered'];
const notifications = `${notificationYaml('team', reasons, 'generic', 'TEAM_URL')}---
${notificationYaml('dead', reasons, 'slack', 'DEAD_URL')}`;

test('events are sent once, a recovery follows, a hanging webhook slows nothing; failures reach /metrics', async () => {
  const team = await startReceiver();
  const dead = await startReceiver(() => 'hang');
  const tree = tempTree({ 'p.yaml': pool('draining'), 'n.yaml': notifications });
  const state = tempTree({});
  const watch = startCli(
    ['watch', tree, '--state-dir', state, '--interval', '1s', '--listen', '127.0.0.1:0'],
    { QUIESCE_SIM_SESSION_SECONDS: '0.05', TEAM_URL: team.url, DEAD_URL: dead.url },
  );
  const events = () =>
    team.bodies.map(
      (b) =>
        `${b.reason}${b.metadata.cleared ? `(${b.metadata.cleared})` : ''} ${b.involvedObject.name}`,
    );
  const status = () => JSON.parse(readFileSync(join(state, 'status.json'), 'utf8'));
  try {
    await until(
      () =>
        events().includes('Drained fe01.contoso.com') &&
        events().includes('Blocked fe02.contoso.com'),
      15_000,
      'Drained and Blocked',
    );
    // Several more rounds with fe02 still blocked: nothing is repeated.
    const at = status().lastReconcile.at;
    await until(() => status().lastReconcile.at !== at, 5_000, 'another round');
    const at2 = status().lastReconcile.at;
    await until(() => status().lastReconcile.at !== at2, 5_000, 'a third round');
    assert.equal(events().sort(), ['Blocked fe02.contoso.com', 'Drained fe01.contoso.com']);
    // The hanging webhook held no round back (waiting on it would take 5 s per attempt).
    assert.ok(
      status().lastReconcile.durationMs < 4000,
      `round took ${status().lastReconcile.durationMs} ms`,
    );
    assert.ok(dead.hits >= 1, 'the hanging webhook was called');

    // fe01 returns: fe02 may drain now; its block clears (Recovered) and it drains.
    writeFileSync(join(tree, 'p.yaml'), pool('active'));
    await until(() => events().includes('Drained fe02.contoso.com'), 20_000, 'fe02 drained');
    assert.ok(events().includes('Recovered(Blocked) fe02.contoso.com'), events().join(', '));
    assert.is(events().filter((e) => e === 'Blocked fe02.contoso.com').length, 1);

    const url = (/status page (http\S+)/.exec(watch.output()) as RegExpExecArray)[1] as string;
    const api = await (await fetch(`${url}api/status`)).json();
    assert.is(api.notifications.find((n: { name: string }) => n.name === 'team').sent >= 2, true);
    assert.not.match(
      JSON.stringify(api),
      team.url.split('/').slice(3).join('/'),
      'no URL in the API',
    );
    assert.not.match(watch.output(), 'SECRET-TOKEN', 'no URL in the output');
    const { samples } = parsePromText(await (await fetch(`${url}metrics`)).text());
    assert.ok(
      samples.some(
        (s) =>
          s.name === 'quiesce_service_info' &&
          s.labels.server === 'fe02.contoso.com' &&
          s.labels.health === 'Drained',
      ),
    );
    assert.ok(
      samples.some(
        (s) => s.name === 'quiesce_steps_total' && s.labels.action === 'pause' && s.value >= 2,
      ),
    );

    // A restarted watcher remembers what it sent: nothing is repeated.
    const sent = team.bodies.length;
    assert.is(await watch.stop(), 0);
    const again = startCli(['watch', tree, '--state-dir', state, '--interval', '1s'], {
      QUIESCE_SIM_SESSION_SECONDS: '0.05',
      TEAM_URL: team.url,
      DEAD_URL: dead.url,
    });
    const before = status().lastReconcile.at;
    await until(() => status().lastReconcile.at !== before, 5_000, 'a round after the restart');
    const next = status().lastReconcile.at;
    await until(
      () => status().lastReconcile.at !== next,
      5_000,
      'a second round after the restart',
    );
    assert.is(await again.stop(), 0);
    assert.is(team.bodies.length, sent, events().join(', '));
  } finally {
    const stopping = Date.now();
    assert.is(await watch.stop(), 0);
    assert.ok(Date.now() - stopping < 5000, 'a hanging webhook does not hold up the exit');
    await Promise.all([team.close(), dead.close()]);
  }
});

test.run();
