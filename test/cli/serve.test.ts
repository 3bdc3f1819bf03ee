// quiesce serve: reads what a watcher recorded, without reconciling, and follows it as it changes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startCli, until } from '../helpers/capture.ts';
import { poolView, row, viewOf } from '../helpers/fleet-view.ts';
import { tempTree } from '../helpers/temp-tree.ts';

test('serve shows the state dir and follows it; nothing there yet is "not ready"', async () => {
  const state = tempTree({});
  const serve = startCli([
    'serve',
    '--state-dir',
    state,
    '--listen',
    '127.0.0.1:0',
    '--interval',
    '1s',
  ]);
  try {
    await until(() => /serve: (http\S+)/.test(serve.output()), 5_000, 'the address');
    const url = (/serve: (http\S+)/.exec(serve.output()) as RegExpExecArray)[1] as string;
    assert.is((await fetch(`${url}readyz`)).status, 503);
    const write = (sessions: number) =>
      writeFileSync(
        join(state, 'fleet-view.json'),
        JSON.stringify(
          viewOf([
            poolView('fe-east', { 'fe02.contoso.com': [row('RTCSRV', 'Draining', sessions)] }),
          ]),
        ),
      );
    write(9);
    let api: { pools: { servers: { services: { sessions: number }[] }[] }[] } | null = null;
    const sessions = async () => {
      const response = await fetch(`${url}api/status`);
      api = response.status === 200 ? await response.json() : null;
      return api?.pools[0]?.servers[0]?.services[0]?.sessions ?? null;
    };
    const deadline = Date.now() + 5000;
    while ((await sessions()) !== 9 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.is(await sessions(), 9);
    assert.is((await fetch(`${url}readyz`)).status, 200);
    write(2);
    const later = Date.now() + 5000;
    while ((await sessions()) !== 2 && Date.now() < later)
      await new Promise((r) => setTimeout(r, 100));
    assert.is(await sessions(), 2);
    assert.match(
      await (await fetch(`${url}metrics`)).text(),
      'quiesce_sessions{pool="fe-east",server="fe02.contoso.com",service="RTCSRV"} 2',
    );
  } finally {
    assert.is(await serve.stop(), 0);
  }
});

test.run();
