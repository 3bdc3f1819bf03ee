// `quiesce serve` at fleet size, as its own process: start-up, /api/status, /metrics, the page and one pool's
// cards on expand (first byte, whole body, size), one page update over /events (store write → delta received), idle polling cost.
import type { PoolViewRecord } from '../reconciler/report/stored-view.ts';
import { POOL_VIEW_KIND } from '../reconciler/serve/pool-views.ts';
import type { StateStore } from '../reconciler/state/store.ts';
import { processCost, startQuiesce, timedGet, until } from './live-process.ts';
import { median } from './stats.ts';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const msText = (value: number) => `${value.toFixed(0)} ms`;

/** Reads server-sent events from `url`: each `data:` payload, with the time it arrived. */
async function eventStream(url: string) {
  const messages: { at: number; data: string }[] = [];
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (event.startsWith('data: '))
            messages.push({ at: performance.now(), data: event.slice(6) });
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {}
  })();
  return {
    messages,
    async close() {
      controller.abort();
      await pump;
    },
  };
}

/** Starts serve on the store `where` names, measures it, prints one block of figures, stops it. */
export async function serveFigures(where: string[], store: StateStore): Promise<void> {
  const started = performance.now();
  const serve = startQuiesce(['serve', ...where, '--listen', '127.0.0.1:0', '--interval', '2s']);
  await until(() => /serve: http\S+/.test(serve.output()), 120_000, `serve: ${serve.output()}`);
  const startMs = performance.now() - started;
  const url = (/serve: (http\S+)/.exec(serve.output()) as RegExpExecArray)[1] as string;
  const line = async (path: string, times: number) => {
    const runs = [];
    for (let i = 0; i < times; i++) runs.push(await timedGet(`${url}${path}`));
    const first = runs[0] as (typeof runs)[number];
    return `/${path} ${kib(first.bytes)}: first request ${msText(first.ttfbMs)} to first byte, ${msText(first.totalMs)} whole; then median ${msText(median(runs.slice(1).map((r) => r.ttfbMs)))} / ${msText(median(runs.slice(1).map((r) => r.totalMs)))} (${times - 1} more)`;
  };
  const figures = [
    `started (first read of the store) in ${msText(startMs)}`,
    await line('api/status', 5),
    await line('metrics', 5),
    await line('', 3),
  ];
  // Opening a collapsed pool on the page: its cards from /api/cards.
  const pools = await store.listRecords(POOL_VIEW_KIND);
  if (pools.isErr()) throw new Error(pools.error.message);
  const opened = (pools.value[0]?.value as PoolViewRecord | undefined)?.view.pools[0]?.name ?? '';
  figures.push(await line(`api/cards?pool=${encodeURIComponent(opened)}`, 3));
  // One page update: a pool's record changes in the store → serve's next poll → a delta on /events.
  const events = await eventStream(`${url}events`);
  await until(() => events.messages.length >= 1, 60_000, 'the first page over /events');
  const whole = (events.messages[0] as { data: string }).data.length;
  const listed = await store.listRecords(POOL_VIEW_KIND);
  if (listed.isErr()) throw new Error(listed.error.message);
  const first = listed.value[0] as { key: string; value: unknown };
  const record = structuredClone(first.value) as PoolViewRecord;
  const service = record.view.pools[0]?.servers[0]?.services[0] as { sessions: number | null };
  // A session count no other server has, so the update that carries it is recognised.
  service.sessions = 987_654;
  const name = record.view.pools[0]?.name ?? '';
  // The pool's cards go out inline when it has a problem, else as a digest that an open page follows with
  // /api/cards: the update that concerns it carries the count, or a new digest of its cards.
  const digestOf = (data: string) =>
    new RegExp(`"data-key":"servers:${name}","data-cards":"(\\w+)"`).exec(data)?.[1];
  const was = digestOf((events.messages[0] as { data: string }).data);
  const written = performance.now();
  await store.putRecord(POOL_VIEW_KIND, first.key, record);
  const carries = () =>
    events.messages.find((m) => {
      const now = digestOf(m.data);
      return m.data.includes('987654') || (now !== undefined && now !== was);
    });
  await until(() => carries() !== undefined, 30_000, 'the page update', 5);
  const delta = carries() as { at: number; data: string };
  const between = events.messages.indexOf(delta) - 1;
  let cards = '';
  if (!delta.data.includes('987654')) {
    const asked = performance.now();
    const body = await (await fetch(`${url}api/cards?pool=${encodeURIComponent(name)}`)).text();
    if (!body.includes('987654')) throw new Error('the pool cards fetched lack the update');
    cards = `, then its open pool's cards (/api/cards, ${kib(body.length)}) ${msText(performance.now() - asked)}`;
  }
  figures.push(
    `page update: store write → delta on /events ${msText(delta.at - written)} (serve polls every 2 s), ${kib(delta.data.length)} delta${cards}, ${kib(whole)} whole page; ${between} other updates before it`,
  );
  await events.close();
  const before = processCost(serve.pid as number);
  await new Promise((r) => setTimeout(r, 10_000));
  const after = processCost(serve.pid as number);
  figures.push(
    `idle: ${(after.cpuS - before.cpuS).toFixed(2)} CPU-s in 10 s (5 polls of the store); peak RSS ${after.peakMb.toFixed(0)} MB, ${after.cpuS.toFixed(2)} CPU-s in all`,
  );
  serve.kill('SIGTERM');
  console.log(`  serve:\n${figures.map((f) => `    ${f}`).join('\n')}`);
}
