// Surfaces benchmark: /metrics scrape at 1,000 servers, drain progress → page (publish → DOM in Chromium), and
// the same through the state store (`quiesce serve` on the folder store and on PostgreSQL).
import { chromium, type Page } from 'playwright-core';
import { main } from '../reconciler/cli/index.ts';
import type { FleetView } from '../reconciler/report/fleet-view.ts';
import { createMetrics } from '../reconciler/report/metrics.ts';
import {
  loadStoredView,
  Surface,
  savePoolViews,
  startHttpSurface,
} from '../reconciler/serve/index.ts';
import { openFolderStore } from '../reconciler/state/folder/index.ts';
import { openPostgresStore } from '../reconciler/state/postgres/postgres-store.ts';
import type { StateStore } from '../reconciler/state/store.ts';
import { poolView, roundServer, row, viewOf } from '../test/helpers/builders/fleet-view.ts';
import { tempTree } from '../test/helpers/builders/temp-tree.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/helpers/harnesses/chromium.ts';
import { postgresCluster } from '../test/helpers/harnesses/postgres.ts';
import { median, ms, time } from './stats.ts';

/** 1,000 servers × 3 services in 10 pools; every 10th server draining, with `sessions` left on it. */
function fleet(servers: number, sessions: number): FleetView {
  const pools = Array.from({ length: 10 }, (_, p) => {
    const entries: Record<string, ReturnType<typeof row>[]> = {};
    for (let i = 0; i < servers / 10; i += 1) {
      const draining = i % 10 === 0;
      entries[`srv${p}-${i}.bench`] = ['RTCSRV', 'RTCCAA', 'RTCRGS'].map((s) =>
        row(s, draining ? 'Draining' : 'Active', draining ? sessions : 10),
      );
    }
    const names = Object.keys(entries);
    // Pool 0 has a maintenance round and windows, so their series and panel are in the figures.
    const night =
      p !== 0
        ? {}
        : {
            rollout: {
              pool: 'pool-0',
              id: 'CHG0042',
              state: 'running' as const,
              message: `1 of ${names.length} done`,
              window: 'open until Wed 04:00 Europe/Berlin, in 5h30m',
              servers: names.map((name, i) =>
                roundServer(name, i === 0 ? 'done' : i === 1 ? 'hook-running' : 'pending'),
              ),
              next: [],
            },
            windows: {
              pool: 'pool-0',
              open: true,
              changeAt: Date.parse('2026-11-25T03:00:00Z'),
              zone: 'Europe/Berlin',
              text: 'open until Wed 04:00 Europe/Berlin, in 5h30m',
            },
          };
    return poolView(`pool-${p}`, entries, night);
  });
  return viewOf(pools);
}

/** Waits until the page shows `left` sessions on the first service of srv0-0. */
const shows = (page: Page, left: number) =>
  page.waitForFunction(
    (expected) =>
      document.querySelector('[data-server="srv0-0.bench"] td[data-sessions]')?.textContent ===
      expected,
    String(left),
    { polling: 'raf', timeout: 30_000 },
  );

/** Opens pool-0 on the page (its cards are fetched when it is opened: it has no problem) and waits for them. */
async function openPool0(page: Page) {
  await page.click('[data-pool="pool-0"] details.pool-servers > summary');
  await page.waitForSelector('[data-server="srv0-0.bench"]', { timeout: 30_000 });
}

/**
 * `quiesce serve` on a store: what a round's record costs to write and to read back, and store write →
 * the browser's DOM (serve re-reads every `interval`).
 */
async function throughStore(
  name: string,
  store: StateStore,
  serveArgs: string[],
  interval: string,
) {
  const servers = 1000;
  const by = 'watch on bench (pid 1)';
  const write = await time(() => savePoolViews(store, fleet(servers, 50), by), 10);
  const read = await time(() => loadStoredView(store, Date.now()), 10);
  const out = { text: '' };
  const stream = {
    write: (t: string) => {
      out.text += t;
      return true;
    },
    isTTY: false,
  };
  const stop = new AbortController();
  const serving = main(
    ['serve', ...serveArgs, '--listen', '127.0.0.1:0', '--interval', interval],
    { stdout: stream, stderr: stream, env: {} },
    stop.signal,
  );
  while (!/serve: (http\S+)/.test(out.text)) await new Promise((r) => setTimeout(r, 20));
  const url = (/serve: (http\S+)/.exec(out.text) as RegExpExecArray)[1] as string;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('live')?.textContent === 'live');
  await openPool0(page);
  const latencies: number[] = [];
  for (let left = 40; left > 30; left -= 1) {
    const started = performance.now();
    await savePoolViews(store, fleet(servers, left), by);
    await shows(page, left);
    latencies.push(performance.now() - started);
  }
  console.log(
    `${name}, ${servers} servers in 10 pool records: write a round's records ${ms(median(write))}, serve's read + assembly ${ms(median(read))}; store write → page (serve --interval ${interval}, SSE): median ${ms(median(latencies))} (max ${ms(Math.max(...latencies))})`,
  );
  await browser.close();
  stop.abort();
  await serving;
}

async function run() {
  for (const servers of [1000]) {
    const surface = new Surface(createMetrics());
    surface.publishView(fleet(servers, 50), 40);
    const http = await startHttpSurface(surface, { host: '127.0.0.1', port: 0 }, null);
    let bytes = 0;
    const scrape: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      // Each scrape follows a new round, so it sets all 6,000 per-service series afresh.
      surface.publishView(fleet(servers, 50 - i), 40);
      const started = performance.now();
      bytes = (await (await fetch(`${http.url}metrics`)).text()).length;
      scrape.push(performance.now() - started);
    }
    const publish = await time(() => surface.publishView(fleet(servers, 49), 40), 10);
    console.log(
      `/metrics at ${servers} servers × 3 services: median ${ms(median(scrape))} (max ${ms(Math.max(...scrape))}), ${Math.round(bytes / 1024)} KiB`,
    );
    console.log(
      `publish a round (view → history, metrics, page tree) at ${servers} servers: median ${ms(median(publish))}`,
    );
    await http.close();
  }

  for (const servers of [30, 1000]) {
    const surface = new Surface(createMetrics());
    let left = 100;
    surface.publishView(fleet(servers, left), 40);
    const http = await startHttpSurface(surface, { host: '127.0.0.1', port: 0 }, null);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const page = await browser.newPage();
    await page.goto(http.url);
    await page.waitForFunction(() => document.getElementById('live')?.textContent === 'live');
    await openPool0(page);
    let lastDelta = 0;
    surface.subscribe((json) => {
      lastDelta = json.length;
    });
    const latencies: number[] = [];
    const serverSide: number[] = [];
    let publishMs = 0;
    for (let i = 0; i < 20; i += 1) {
      left -= 1;
      const view = fleet(servers, left);
      const started = performance.now();
      surface.publishView(view, 40);
      publishMs = performance.now() - started;
      await shows(page, left);
      latencies.push(performance.now() - started);
      serverSide.push(publishMs);
    }
    console.log(
      `drain progress → page (publish → DOM over SSE) at ${servers} servers: median ${ms(median(latencies))} (max ${ms(Math.max(...latencies))}); of it on the server (page tree, JSON): ${ms(median(serverSide))}, ${Math.round(lastDelta / 1024)} KiB per update (delta), ${Math.round((surface.page()?.json.length ?? 0) / 1024)} KiB whole`,
    );
    await browser.close();
    await http.close();
  }

  const folder = tempTree({});
  const folderStore = openFolderStore(folder);
  await throughStore('folder store', folderStore, ['--state-dir', folder], '250ms');
  await folderStore.close();
  const url = await (await postgresCluster()).freshDatabase();
  const pg = await openPostgresStore({ url });
  if (pg.isErr()) throw new Error(pg.error.message);
  await throughStore('PostgreSQL store', pg.value, ['--state', url], '250ms');
  await pg.value.close();
}

await run();
process.exit(0);
