// Surfaces benchmark: /metrics scrape at 1,000 servers, and drain progress → page (publish → DOM in Chromium).
import { chromium } from 'playwright-core';
import type { FleetView } from '../reconciler/report/fleet-view.ts';
import { createMetrics } from '../reconciler/report/metrics.ts';
import { Surface, startHttpSurface } from '../reconciler/serve/index.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/helpers/chromium.ts';
import { poolView, row, viewOf } from '../test/helpers/fleet-view.ts';
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
    return poolView(`pool-${p}`, entries);
  });
  return viewOf(pools);
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
      await page.waitForFunction(
        (expected) =>
          document.querySelector('[data-server="srv0-0.bench"] td[data-sessions]')?.textContent ===
          expected,
        String(left),
        { polling: 'raf' },
      );
      latencies.push(performance.now() - started);
      serverSide.push(publishMs);
    }
    console.log(
      `drain progress → page (publish → DOM over SSE) at ${servers} servers: median ${ms(median(latencies))} (max ${ms(Math.max(...latencies))}); of it on the server (page tree, JSON): ${ms(median(serverSide))}, ${Math.round(lastDelta / 1024)} KiB per update (delta), ${Math.round((surface.page()?.json.length ?? 0) / 1024)} KiB whole`,
    );
    await browser.close();
    await http.close();
  }
}

await run();
