// The status page in a real browser (Debian's Chromium): live updates, cards on expand, blocked reasons, escaping, phone layout.
import { copyFileSync, cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clockAt, NIGHTLY_BERLIN, round } from '../helpers/builders/maintenance-pool.ts';
import { poolYaml, tempTree } from '../helpers/builders/temp-tree.ts';
import { startCli, until } from '../helpers/harnesses/capture.ts';
import { launchChromium } from '../helpers/harnesses/chromium.ts';

const INJECTION = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';

const EXAMPLE = readFileSync('desired-state/fe-east.yaml', 'utf8');

/** The example fleet with fe02 still active, plus a lab pool whose second drain is blocked and whose reasons carry HTML. */
function fleet(): string {
  const dir = tempTree({});
  cpSync('desired-state', dir, { recursive: true });
  const active = EXAMPLE.replace(
    /fe02\.contoso\.com:\n\s+mode: draining/,
    'fe02.contoso.com:\n      mode: active',
  );
  assert.is.not(active, EXAMPLE);
  writeFileSync(join(dir, 'fe-east.yaml'), active);
  writeFileSync(
    join(dir, 'lab.yaml'),
    poolYaml(
      'lab',
      "lab01.contoso.com:\n      mode: draining\n      reason: '" +
        INJECTION +
        "'\n    lab02.contoso.com:\n      mode: draining\n      reason: second drain, must wait\n    lab03.contoso.com: active",
      '  budget:\n    maxUnavailable: 1\n',
    ),
  );
  return dir;
}

const sessionsOf = (page: Page, server: string) =>
  page.$$eval(`[data-server="${server}"] td[data-sessions]`, (cells) =>
    cells.reduce((n, cell) => n + (Number(cell.textContent) || 0), 0),
  );

/** Saves a screenshot of the page, and copies it to docs/ with UPDATE_SCREENSHOTS=1. */
async function screenshot(page: Page, name: string) {
  const path = join(tempTree({}), name);
  await page.screenshot({ path, fullPage: false });
  assert.ok(statSync(path).size > 10_000, `${name} was written`);
  assert.equal([...readFileSync(path).subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync('docs', { recursive: true });
    copyFileSync(path, join('docs', name));
  }
}

test('the page shows the fleet, follows a drain live, shows a blocked reason, and renders HTML as text', async () => {
  const state = tempTree({});
  const tree = fleet();
  const watch = startCli(
    ['watch', tree, '--state-dir', state, '--interval', '1s', '--listen', '127.0.0.1:0'],
    { QUIESCE_SIM_SESSION_SECONDS: '4' },
  );
  const browser = await launchChromium();
  try {
    await until(
      () => /status page (http\S+)/.test(watch.output()),
      10_000,
      'the status page address',
    );
    const url = (/status page (http\S+)/.exec(watch.output()) as RegExpExecArray)[1] as string;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('[data-pool="lab"] [data-server="lab01.contoso.com"]', {
      timeout: 10_000,
    });
    for (const name of ['fe-east', 'med-west', 'edge-north', 'lab'])
      assert.ok(await page.$(`[data-pool="${name}"]`), `pool ${name} is on the page`);
    await page.waitForFunction(
      () => document.getElementById('live')?.textContent === 'live',
      null,
      { timeout: 10_000 },
    );
    // A pool without a problem is its summary row alone: its cards are not even sent until it is opened.
    assert.is(await page.$('[data-server="fe02.contoso.com"]'), null, 'fe-east sent collapsed');
    assert.ok(await page.$('[data-pool="fe-east"] [data-cards]'), 'with the digest of its cards');
    assert.ok(await page.isVisible('[data-pool="lab"] [data-server="lab01.contoso.com"]'));
    await page.click('[data-pool="fe-east"] details.pool-servers > summary');
    await page.waitForSelector('[data-pool="fe-east"] [data-server="fe02.contoso.com"]', {
      timeout: 10_000,
    });
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });

    // fe02's drain is committed while the page is open: its sessions fall on the page, without a reload.
    writeFileSync(join(tree, 'fe-east.yaml'), EXAMPLE);
    await page.waitForSelector('[data-server="fe02.contoso.com"] .badge.busy', { timeout: 15_000 });
    const first = await sessionsOf(page, 'fe02.contoso.com');
    assert.ok(first > 0, `fe02 has sessions when its drain shows (${first})`);
    await page.waitForFunction(
      (start) =>
        Array.from(
          document.querySelectorAll('[data-server="fe02.contoso.com"] td[data-sessions]'),
        ).reduce((n, cell) => n + (Number(cell.textContent) || 0), 0) < start,
      first,
      { timeout: 30_000 },
    );
    assert.is(
      await page.evaluate(() => (window as unknown as { marker?: number }).marker),
      42,
      'no reload',
    );
    assert.ok(Number(await page.getAttribute('body', 'data-updated')) > 1, 'updated over SSE');

    // A pool the reader collapses (its summary row clicked) stays collapsed across live updates (its cards
    // dropped, fetched again when it is opened); a quiet pool starts as its row alone.
    assert.is(
      await page.isVisible('[data-server="edge01.contoso.com"]'),
      false,
      'edge-north starts collapsed',
    );
    await page.click('[data-pool="fe-east"] details.pool-servers > summary');
    assert.is(await page.isVisible('[data-server="fe01.contoso.com"]'), false, 'fe-east collapsed');
    const seen = Number(await page.getAttribute('body', 'data-updated'));
    await page.waitForFunction((n) => Number(document.body.dataset.updated) > n + 1, seen, {
      timeout: 15_000,
    });
    assert.is(await page.isVisible('[data-server="fe01.contoso.com"]'), false, 'still collapsed');
    assert.is(await page.$('[data-server="fe01.contoso.com"]'), null, 'its cards dropped');
    await page.click('[data-pool="fe-east"] details.pool-servers > summary');
    await page.waitForSelector('[data-server="fe01.contoso.com"]', { timeout: 10_000 });
    assert.ok(await page.isVisible('[data-server="fe01.contoso.com"]'), 'expanded again');

    // A blocked reason appears.
    await page.waitForSelector('[data-pool="lab"] .blocked', { timeout: 10_000 });
    assert.match(
      (await page.textContent('[data-pool="lab"] .blocked')) ?? '',
      /lab02\.contoso\.com \[maxUnavailable\]/,
    );

    // HTML in data is text, on the first paint and after live updates.
    assert.is(
      await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
      undefined,
    );
    assert.is(await page.$$eval('main script, main img', (nodes) => nodes.length), 0);
    assert.match((await page.textContent('[data-server="lab01.contoso.com"]')) ?? '', INJECTION);
    const firstPaint = await (await fetch(url)).text();
    assert.not.match(firstPaint, '<script>window.pwned');

    // Screenshots: desktop and phone (copied to docs/ with UPDATE_SCREENSHOTS=1).
    await screenshot(page, 'status-page.png');
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    await phone.goto(url);
    await phone.waitForSelector('[data-pool="fe-east"]');
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow} px too wide)`);
    await screenshot(phone, 'status-page-phone.png');
  } finally {
    await browser.close();
    await watch.stop();
  }
});

test('a maintenance night: the round panel follows each server through drain, hook and return, live', async () => {
  // Tue 24 Nov 2026 22:30 Berlin: the window is open.
  const r = round({ servers: 4, hookMs: 2500, windows: NIGHTLY_BERLIN });
  const watch = startCli(
    ['watch', r.tree, '--state-dir', r.state, '--interval', '1s', '--listen', '127.0.0.1:0'],
    { ...r.env, ...clockAt('2026-11-24T21:30:00Z') },
  );
  const browser = await launchChromium();
  try {
    await until(() => /status page (http\S+)/.test(watch.output()), 10_000, 'the page address');
    const url = (/status page (http\S+)/.exec(watch.output()) as RegExpExecArray)[1] as string;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('[data-pool="p"] .rollout[data-rollout="CHG0042"]', {
      timeout: 10_000,
    });
    await page.waitForFunction(() => document.getElementById('live')?.textContent === 'live');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 7;
    });
    assert.match(
      (await page.textContent('[data-pool="p"] .windows')) ?? '',
      /open until Wed 04:00 Europe\/Berlin/,
    );
    const phase = (server: string) =>
      page.getAttribute(`[data-round-server="${server}"]`, 'data-phase');
    // fe01 goes out, is patched (the hook runs) and returns while the page stays open.
    await page.waitForSelector('[data-round-server="fe01.x"][data-phase="hook-running"]', {
      timeout: 20_000,
    });
    assert.match(
      (await page.textContent('[data-round-server="fe01.x"]')) ?? '',
      /hook running \d+s/,
    );
    // One server done while the next one's hook runs: the night in one picture.
    await page.waitForSelector('[data-round-server="fe01.x"][data-phase="done"]', {
      timeout: 20_000,
    });
    await page.waitForSelector('[data-round-server="fe02.x"][data-phase="hook-running"]', {
      timeout: 20_000,
    });
    assert.is(await phase('fe04.x'), 'pending');
    await screenshot(page, 'status-page-maintenance.png');
    await page.waitForSelector('.rollout .name .badge.ok', { timeout: 60_000 });
    assert.equal(
      await page.$$eval('[data-round-server]', (rows) =>
        rows.map((row) => row.getAttribute('data-phase')),
      ),
      ['done', 'done', 'done', 'done'],
    );
    assert.is(
      await page.evaluate(() => (window as unknown as { marker?: number }).marker),
      7,
      'no reload',
    );
  } finally {
    await browser.close();
    await watch.stop();
  }
});

test.run();
