// node:http server for the surfaces: /, /events (SSE), /api/status, /api/cards, /metrics, /healthz, /readyz. Read-only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CSS } from '../report/page/assets.ts';
import { authorised, queryTokenMatches, TOKEN_COOKIE } from './auth.ts';
import { CLIENT_JS } from './client-script.ts';
import type { ListenAddress } from './listen.ts';
import { notReadyReason, type Surface } from './surface.ts';

/** A listening server. */
export interface HttpSurface {
  /** http://host:port/ */
  url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Most open /events streams; more are refused (503), so open tabs cannot exhaust the watcher. */
export const MAX_STREAMS = 64;

/** How often an idle event stream gets a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

function send(response: ServerResponse, status: number, type: string, body: string, head: boolean) {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  response.end(head ? undefined : body);
}

/** Starts listening; `token` (when set) is required everywhere but /healthz and /readyz. */
export async function startHttpSurface(
  surface: Surface,
  address: ListenAddress,
  token: string | null,
): Promise<HttpSurface> {
  const streams = new Set<ServerResponse>();
  const stream = (response: ServerResponse) => {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    const write = (json: string) => response.write(`data: ${json}\n\n`);
    response.write('retry: 2000\n\n');
    const current = surface.page();
    if (current !== null) write(current.json);
    const unsubscribe = surface.subscribe(write);
    const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
    streams.add(response);
    response.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      streams.delete(response);
    });
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) {
      response.writeHead(405, {
        ...SECURITY_HEADERS,
        allow: 'GET, HEAD',
        'content-type': 'text/plain',
      });
      response.end('read-only: GET and HEAD only\n');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const text = 'text/plain; charset=utf-8';
    if (url.pathname === '/healthz') return send(response, 200, text, 'ok\n', head);
    if (url.pathname === '/readyz') {
      const reason = notReadyReason(surface.view);
      return send(
        response,
        reason === null ? 200 : 503,
        text,
        reason === null ? 'ready\n' : `not ready: ${reason}\n`,
        head,
      );
    }
    if (url.pathname === '/' && queryTokenMatches(url, token)) {
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        location: '/',
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token ?? '')}; HttpOnly; SameSite=Strict; Path=/`,
      });
      response.end();
      return;
    }
    if (!authorised(request, token)) {
      response.writeHead(401, {
        ...SECURITY_HEADERS,
        'www-authenticate': 'Bearer',
        'content-type': text,
      });
      response.end(
        'a token is required: send Authorization: Bearer <token>, or open /?token=<token> once\n',
      );
      return;
    }
    switch (url.pathname) {
      case '/': {
        const html = surface.html();
        if (html === null)
          return send(response, 503, text, 'starting: no round yet; reload in a moment\n', head);
        return send(response, 200, 'text/html; charset=utf-8', html, head);
      }
      case '/app.js':
        return send(response, 200, 'text/javascript; charset=utf-8', CLIENT_JS, head);
      case '/app.css':
        return send(response, 200, 'text/css; charset=utf-8', CSS, head);
      case '/events':
        if (head) return send(response, 200, 'text/event-stream', '', true);
        if (streams.size >= MAX_STREAMS)
          return send(
            response,
            503,
            text,
            `too many open pages (${MAX_STREAMS}); close some\n`,
            head,
          );
        return stream(response);
      case '/api/status':
        return send(
          response,
          surface.view === null ? 503 : 200,
          'application/json',
          surface.statusJson(),
          head,
        );
      case '/api/cards': {
        // A collapsed pool's server cards, fetched by the page when the pool is opened.
        const pool = url.searchParams.get('pool');
        if (pool === null)
          return send(response, 400, text, 'say which pool: /api/cards?pool=<name>\n', head);
        const cards = surface.cards(pool);
        if (cards === null)
          return surface.view === null
            ? send(response, 503, text, 'starting: no round yet; reload in a moment\n', head)
            : send(response, 404, text, `no pool ${JSON.stringify(pool)} on the page\n`, head);
        return send(response, 200, 'application/json', cards, head);
      }
      case '/metrics': {
        const { text: body, contentType } = await surface.metrics.scrape();
        return send(response, 200, contentType, body, head);
      }
      default:
        return send(
          response,
          404,
          text,
          `not found; try / /api/status /api/cards?pool= /metrics /healthz /readyz\n`,
          head,
        );
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error\n', false);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address: host } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of streams) response.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
