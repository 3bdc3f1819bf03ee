// The optional bearer token: an Authorization header (scrapers) or a cookie set once from ?token= (browsers).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie a browser keeps the token in. */
export const TOKEN_COOKIE = 'quiesce_token';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The token a request presents, if any: Authorization: Bearer, else the cookie. */
export function presentedToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Whether the request may see anything (always, when no token is configured). */
export function authorised(request: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  const presented = presentedToken(request);
  return presented !== null && same(presented, token);
}

/** Whether `?token=` in a URL matches (the page then sets the cookie and drops it from the address bar). */
export const queryTokenMatches = (url: URL, token: string | null) =>
  token !== null &&
  url.searchParams.has('token') &&
  same(url.searchParams.get('token') ?? '', token);
