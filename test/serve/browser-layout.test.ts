// The status page's layout at 2 a.m., in a real browser (Debian's Chromium) at 1280 px and at phone width: no
// element wider than its card, Progressing not red, each failure text once, a commit subject on one line with
// the whole text on hover, a summary row per pool that expands to its servers. Screenshots go to docs/.
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PoolView } from '../../reconciler/report/fleet-view.ts';
import { CSS } from '../../reconciler/report/page/assets.ts';
import { pageHtml, pageUpdate } from '../../reconciler/report/page/document.ts';
import { serverCards } from '../../reconciler/report/page/layout.ts';
import { toHtml } from '../../reconciler/report/page/vnode.ts';
import { SessionHistory } from '../../reconciler/report/session-history.ts';
import { poolView, roundServer, row, viewOf } from '../helpers/builders/fleet-view.ts';
import { tempTree } from '../helpers/builders/temp-tree.ts';
import { launchChromium } from '../helpers/harnesses/chromium.ts';

const SUBJECT =
  'CHG0042 monthly patching of the Front End pool fe-pool01, the Edge pool edge-pool01 and the Mediation pool, approved by the CAB on Tuesday\n\nLine two of the body.\nLine three.';
const HOOK =
  'hook failed (exit 3): Install-WindowsUpdate: KB5031234 failed with 0x80070005 access denied';
// The Edge Server's services (Lync Server 2013 Edge: Access, A/V Authentication, Media Relay, Web Conferencing
// Edge, replication, logging agent), with pending states: the longest rows a card holds.
const EDGE = ['RTCSRV', 'RTCMRAUTH', 'RTCMEDIARELAY', 'RTCDATAPROXY', 'REPLICA', 'RTCCLSAGT'];

function view() {
  const edge = (health: 'Active' | 'Draining') =>
    EDGE.map((name) => ({
      ...row(name, health, health === 'Active' ? 12 : 3),
      status: health === 'Active' ? ('ContinuePending' as const) : ('PausePending' as const),
      startType: 'AutomaticDelayedStart' as never,
      sync: 'OutOfSync' as const,
    }));
  const fe = Object.fromEntries(
    [1, 2, 3, 4, 5, 6].map((n) => [
      `fe0${n}.pool01.contoso.com`,
      ['RTCSRV', 'RTCCAA', 'RTCRGS', 'RTCCPS', 'RTCATS', 'RTCCLSAGT', 'REPLICA'].map((s) =>
        row(s, n === 2 ? 'Draining' : 'Active', 40),
      ),
    ]),
  );
  const rollout = {
    pool: 'fe-pool01',
    id: 'CHG0042',
    state: 'stopped' as const,
    message: 'stopped: fe02.pool01.contoso.com hook failed',
    window: 'open until Wed 04:00 Europe/Berlin',
    servers: [
      roundServer('fe01.pool01.contoso.com', 'done'),
      roundServer('fe02.pool01.contoso.com', 'stalled', HOOK),
      roundServer('fe03.pool01.contoso.com', 'pending'),
    ],
    next: [],
  };
  return viewOf(
    [
      poolView('fe-pool01', fe, {
        rollout: rollout as never,
        errors: [
          { server: 'fe02.pool01.contoso.com', service: null, kind: 'HookFailed', message: HOOK },
        ],
      }),
      poolView('edge-pool01', {
        'edge01.pool01.contoso.com': edge('Active'),
        'edge02.pool01.contoso.com': edge('Draining'),
      }),
    ],
    {
      conditions: [
        {
          type: 'Ready',
          status: false,
          reason: 'HookFailed',
          message: `fe02.pool01.contoso.com: ${HOOK}`,
        },
        { type: 'Reconciling', status: true, reason: 'Progressing', message: '1 changes' },
        {
          type: 'Stalled',
          status: true,
          reason: 'HookFailed',
          message: `fe02.pool01.contoso.com: ${HOOK}`,
        },
      ],
      lastAppliedRevision: {
        id: 'main@sha1:abc',
        author: 'Ann',
        subject: SUBJECT,
        at: '2026-11-28T13:00:00.000Z',
      },
    },
  );
}

/** The page as served (its stylesheet inlined: setContent has no server to fetch app.css from). */
async function open(browser: Browser, width: number, v = view()): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const history = new SessionHistory();
  // Every pool's cards in place (the script that fetches a collapsed pool's cards is not loaded here).
  const html = pageHtml(pageUpdate(v, history, 1))
    .replace('<link rel="stylesheet" href="app.css">', `<style>${CSS}</style>`)
    .replace(
      /<div class="servers" data-key="servers:([^"]*)" data-cards="\w+"><\/div>/g,
      (_, name) => toHtml(serverCards(v.pools.find((p) => p.name === name) as PoolView, history)),
    );
  await page.setContent(html.replace('<script src="app.js" defer></script>', ''));
  return page;
}

/** Every element inside a card that sticks out of it (right edge past the card's), as `tag.class: px`. */
const overflowing = (page: Page) =>
  page.$$eval('.server, .rollout, .pool-summary', (cards) =>
    cards.flatMap((card) => {
      const right = card.getBoundingClientRect().right + 0.5;
      return Array.from(card.querySelectorAll('*'))
        .filter((el) => el.getBoundingClientRect().right > right)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().right - right)} px`,
        );
    }),
  );

async function screenshot(page: Page, name: string, selector?: string) {
  const path = join(tempTree({}), name);
  if (selector === undefined) await page.screenshot({ path, fullPage: false });
  else await page.locator(selector).screenshot({ path });
  assert.ok(statSync(path).size > 10_000, `${name} was written`);
  if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(path, join('docs', name));
}

test('no element wider than its card, at 1280 px and at 390 px; no sideways scrolling', async () => {
  const browser = await launchChromium();
  try {
    for (const width of [1280, 390]) {
      const page = await open(browser, width);
      await page.$$eval('details.pool-servers', (all) => {
        for (const d of all) (d as HTMLDetailsElement).open = true;
      });
      assert.equal(await overflowing(page), [], `at ${width} px`);
      const wide = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(wide <= 0, `no sideways scrolling at ${width} px (${wide} px too wide)`);
      await screenshot(
        page,
        width === 1280 ? 'status-page-night.png' : 'status-page-night-phone.png',
      );
      if (width === 1280)
        await screenshot(page, 'status-page-edge.png', '[data-pool="edge-pool01"]');
    }
  } finally {
    await browser.close();
  }
});

test('Progressing is neutral blue, red only for failures; each failure text once', async () => {
  const browser = await launchChromium();
  try {
    const progressing = view();
    progressing.conditions = [
      {
        type: 'Ready',
        status: false,
        reason: 'Progressing',
        message: '12 sessions still draining',
      },
    ];
    const calm = await open(browser, 1280, progressing);
    assert.is(await calm.getAttribute('#ready', 'class'), 'badge info');
    const colour = await calm.$eval('#ready', (el) => getComputedStyle(el).backgroundColor);
    const red = await calm.evaluate(() => {
      const probe = document.createElement('span');
      probe.className = 'badge bad';
      document.body.append(probe);
      return getComputedStyle(probe).backgroundColor;
    });
    assert.is.not(colour, red);
    const failed = await open(browser, 1280);
    assert.is(await failed.getAttribute('#ready', 'class'), 'badge bad');
    await failed.$$eval('details.pool-servers', (all) => {
      for (const d of all) (d as HTMLDetailsElement).open = true;
    });
    const text = (await failed.textContent('main')) ?? '';
    assert.is(text.split('Install-WindowsUpdate').length - 1, 1, 'the hook failure text once');
  } finally {
    await browser.close();
  }
});

test('a long commit subject: its first line only, clipped to one line, the whole text on hover', async () => {
  const browser = await launchChromium();
  try {
    for (const width of [1280, 390]) {
      const page = await open(browser, width);
      const subject = page.locator('.rev .subject').first();
      assert.is(await subject.getAttribute('title'), SUBJECT);
      const box = await subject.boundingBox();
      assert.ok(
        box !== null && box.height < 30,
        `one line at ${width} px (${box?.height} px high)`,
      );
      assert.not.match((await subject.textContent()) ?? '', /Line two/);
    }
  } finally {
    await browser.close();
  }
});

test('each pool has a summary row that expands to its servers', async () => {
  const browser = await launchChromium();
  try {
    const page = await open(browser, 1280);
    const summary = page.locator('[data-pool="edge-pool01"] details.pool-servers > summary');
    assert.match((await summary.textContent()) ?? '', /2 servers · 1 draining · \d+ sessions/);
    const card = page.locator('[data-server="edge02.pool01.contoso.com"]');
    const before = await card.isVisible();
    await summary.click();
    assert.is(await card.isVisible(), !before, 'a click on the summary row toggles the servers');
  } finally {
    await browser.close();
  }
});

test.run();
