// Delivers events to webhooks in the background: a bounded queue per notification, retries with backoff.
import type { NotificationSpec } from '../model.ts';
import type { NotificationHealth } from '../report/fleet-view.ts';
import type { NotifyEvent } from './derive.ts';
import { payloads } from './formats/index.ts';

/** A notification with its URL, read from the environment by the CLI ('' when the variable is not set). */
export interface WebhookTarget {
  spec: NotificationSpec;
  url: string;
}

/** How hard to try. */
export interface SenderOptions {
  /** Per attempt. Default 5 s. */
  timeoutMs?: number;
  /** Attempts per event, the first included. Default 5. */
  attempts?: number;
  /** First retry delay, doubled each time up to `maxBackoffMs`, with jitter. Default 1 s. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Events waiting per notification; beyond it the oldest is dropped (and counted). Default 100. */
  queueLimit?: number;
  random?: () => number;
  /** Told of every failed delivery (for metrics); never given the URL. */
  onFailure?: (spec: NotificationSpec, message: string) => void;
}

/** The running sender. */
export interface Notifier {
  /** Queues the events each notification wants; returns at once. */
  notify(events: NotifyEvent[]): void;
  /** Deliveries so far, per notification. */
  health(): NotificationHealth[];
  /** Resolves when every queue is empty (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops: the attempt in flight is aborted, queued events are dropped. */
  close(): void;
}

/** Whether a notification wants an event: its reason (and for Recovered, what cleared) and its pool. */
export function wants(spec: NotificationSpec, event: NotifyEvent): boolean {
  if (!spec.events.includes(event.reason)) return false;
  if (event.cleared !== null && !spec.events.includes(event.cleared)) return false;
  return event.pool === null || spec.pools === null || spec.pools.includes(event.pool);
}

type Attempt = { ok: true } | { ok: false; retry: boolean; message: string };

async function post(
  url: string,
  body: string,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<Attempt> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'quiesce' },
      body,
      signal: AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]),
      redirect: 'error',
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true };
    const retry = response.status >= 500 || response.status === 429;
    return { ok: false, retry, message: `HTTP ${response.status}` };
  } catch (error) {
    // Never the error's own text: undici puts the URL (a secret) into some of its messages.
    const e = error as { name?: string; cause?: { code?: string } };
    const what =
      e.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (e.cause?.code ?? e.name ?? 'error');
    return { ok: false, retry: !stop.aborted, message: what };
  }
}

/** Starts a sender for `targets`; `source` names the desired state in payloads. */
export function createNotifier(
  targets: WebhookTarget[],
  source: string,
  options: SenderOptions = {},
): Notifier {
  const timeoutMs = options.timeoutMs ?? 5000;
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const queueLimit = options.queueLimit ?? 100;
  const random = options.random ?? Math.random;
  const stop = new AbortController();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        stop.signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      stop.signal.addEventListener('abort', wake, { once: true });
    });
  const lanes = targets.map((target) => ({
    target,
    queue: [] as NotifyEvent[],
    running: null as Promise<void> | null,
    health: {
      name: target.spec.name,
      format: target.spec.format,
      sent: 0,
      failures: 0,
      lastError: null,
    } as NotificationHealth,
  }));
  type Lane = (typeof lanes)[number];
  const fail = (lane: Lane, message: string) => {
    lane.health.failures += 1;
    lane.health.lastError = message;
    options.onFailure?.(lane.target.spec, message);
  };
  const deliver = async (lane: Lane, event: NotifyEvent) => {
    if (lane.target.url === '') {
      fail(
        lane,
        `${event.reason} ${event.object}: environment variable ${lane.target.spec.urlEnv} is not set`,
      );
      return;
    }
    const body = JSON.stringify(payloads[lane.target.spec.format](event, source));
    for (let attempt = 1; attempt <= attempts && !stop.signal.aborted; attempt += 1) {
      const result = await post(lane.target.url, body, timeoutMs, stop.signal);
      if (result.ok) {
        lane.health.sent += 1;
        return;
      }
      if (!result.retry || attempt === attempts) {
        fail(
          lane,
          `${event.reason} ${event.object}: ${result.message} after ${attempt} attempt${attempt === 1 ? '' : 's'}`,
        );
        return;
      }
      const cap = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
      await sleep(cap / 2 + (random() * cap) / 2);
    }
  };
  const run = async (lane: Lane) => {
    for (let event = lane.queue.shift(); event !== undefined; event = lane.queue.shift()) {
      if (stop.signal.aborted) return;
      await deliver(lane, event);
    }
  };
  const kick = (lane: Lane) => {
    if (lane.running !== null || lane.queue.length === 0) return;
    lane.running = run(lane).finally(() => {
      lane.running = null;
      kick(lane);
    });
  };
  return {
    notify(events) {
      if (stop.signal.aborted) return;
      for (const lane of lanes) {
        for (const event of events) {
          if (!wants(lane.target.spec, event)) continue;
          lane.queue.push(event);
          if (lane.queue.length > queueLimit) {
            const dropped = lane.queue.shift() as NotifyEvent;
            fail(lane, `queue full (${queueLimit}): dropped ${dropped.reason} ${dropped.object}`);
          }
        }
        kick(lane);
      }
    },
    health: () => lanes.map((lane) => ({ ...lane.health })),
    async idle() {
      while (lanes.some((lane) => lane.running !== null))
        await Promise.all(lanes.map((lane) => lane.running));
    },
    close() {
      stop.abort();
      for (const lane of lanes) lane.queue.length = 0;
    },
  };
}
